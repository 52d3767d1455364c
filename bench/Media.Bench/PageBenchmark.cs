using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// The lesson page on a school's link: the real server with one demo lesson that plays, Debian's Chromium signed in as a
/// student, the network emulated (Chrome DevTools: 10 Mbit/s down and up, 100 ms latency), caches cold. Reports largest
/// contentful paint, time to the first played frame, and the bytes of script and in total the page fetched, against the
/// budget in README and against the same page on the unthrottled loopback (the ratio says what the link costs).
/// </summary>
internal static class PageBenchmark
{
    private const double BudgetLcpSeconds = 2.5;
    private const double BudgetFirstFrameSeconds = 5;
    private const long BudgetScriptKilobytes = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = int.Parse(Option(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var root = UploadBenchmark.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("media-page-bench-").FullName;
        var port = UploadBenchmark.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var server = UploadBenchmark.Start("dotnet",
        [
            Path.Combine(root, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
            "--contentRoot", Path.Combine(root, "server", "Media.Server"), "--urls", baseUrl, $"--Media:DataPath={work}",
            "--Media:Demo:Enabled=true", "--Media:Demo:Password=bench-pass", "--Media:Catalog:DemoLessons=2000", "--Media:Catalog:DemoRecordings=1",
            "--Media:Recognition:Engine=Off", "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await UploadBenchmark.WaitReadyAsync(http, baseUrl + "/health/ready");
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { userName = "student", password = "bench-pass" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var lesson = await PlayableLessonAsync(http);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--autoplay-policy=no-user-gesture-required", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
            });
            Console.WriteLine($"lesson page /lessons/{lesson}, {rounds} cold loads per link, Chromium {browser.Version}");
            Console.WriteLine($"{"link",-22} {"LCP s",7} {"first frame s",14} {"script KB",10} {"total KB",9} {"requests",9}");
            var loopback = await MeasureAsync(browser, baseUrl, lesson, throttled: false, rounds);
            Print("loopback", loopback);
            var school = await MeasureAsync(browser, baseUrl, lesson, throttled: true, rounds);
            Print("10 Mbit/s, 100 ms", school);
            Console.WriteLine($"ratio school/loopback: LCP {school.Lcp / loopback.Lcp:0.00}, first frame {school.FirstFrame / loopback.FirstFrame:0.00}");
            var met = school.Lcp <= BudgetLcpSeconds && school.FirstFrame <= BudgetFirstFrameSeconds && school.ScriptKb <= BudgetScriptKilobytes;
            Console.WriteLine($"budget (school link): LCP ≤ {BudgetLcpSeconds} s, first frame ≤ {BudgetFirstFrameSeconds} s, script ≤ {BudgetScriptKilobytes} KB: {(met ? "met" : "NOT met")}");
            return met ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Load(double Lcp, double FirstFrame, double ScriptKb, double TotalKb, int Requests);

    private static void Print(string link, Load load) =>
        Console.WriteLine($"{link,-22} {load.Lcp,7:0.00} {load.FirstFrame,14:0.00} {load.ScriptKb,10:0} {load.TotalKb,9:0} {load.Requests,9}");

    /// <summary>The median of <paramref name="rounds"/> loads, each in a fresh context (no cache, signed in anew).</summary>
    private static async Task<Load> MeasureAsync(IBrowser browser, string baseUrl, Guid lesson, bool throttled, int rounds)
    {
        var loads = new List<Load>();
        for (var round = 0; round < rounds; round++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/account/signin");
            await page.GetByLabel("用户名").FillAsync("student");
            await page.GetByLabel("密码").FillAsync("bench-pass");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.WaitForSelectorAsync("[data-testid=welcome]");
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
            if (throttled)
            {
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false, ["latency"] = 100, ["downloadThroughput"] = 10_000_000 / 8, ["uploadThroughput"] = 10_000_000 / 8,
                });
            }

            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"/lessons/{lesson}");
            // The page draws its player once the lesson has loaded: play as soon as the video has a frame to show.
            await page.WaitForFunctionAsync(
                "() => { const v = document.getElementById('video'); if (!v) return false; if (v.paused && v.readyState >= 2) { v.muted = true; v.play().catch(() => {}); } return v.currentTime > 0; }",
                null, new() { Timeout = 120_000, PollingInterval = 20 });
            var firstFrame = clock.Elapsed.TotalSeconds;
            var figures = await page.EvaluateAsync<double[]>(
                """
                () => new Promise((resolve) => {
                  new PerformanceObserver((list) => {
                    const lcp = list.getEntries().at(-1).startTime / 1000;
                    const resources = performance.getEntriesByType('resource');
                    const navigation = performance.getEntriesByType('navigation')[0];
                    const bytes = (entries) => entries.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0) / 1024;
                    const scripts = resources.filter((e) => e.initiatorType === 'script' || e.name.split('?')[0].endsWith('.js'));
                    resolve([lcp, bytes(scripts), bytes(resources) + (navigation.transferSize || 0) / 1024, resources.length + 1]);
                  }).observe({ type: 'largest-contentful-paint', buffered: true });
                })
                """);
            loads.Add(new Load(figures[0], firstFrame, figures[1], figures[2], (int)figures[3]));
        }

        double Median(Func<Load, double> of) => loads.Select(of).Order().ElementAt(loads.Count / 2);
        return new Load(Median(l => l.Lcp), Median(l => l.FirstFrame), Median(l => l.ScriptKb), Median(l => l.TotalKb), (int)Median(l => l.Requests));
    }

    private static async Task<Guid> PlayableLessonAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            var result = await http.GetFromJsonAsync<JsonElement>("/api/catalog/search?pageSize=5");
            foreach (var item in result.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("hasVideo").GetBoolean())
                {
                    return item.GetProperty("id").GetGuid();
                }
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException("the demo lesson was not published within 10 minutes");
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
