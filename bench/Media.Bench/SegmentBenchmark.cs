using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

/// <summary>
/// Segment serving: the same HLS segments fetched from Media (token checked, blob store streaming) and from nginx
/// serving the same files statically, with the same concurrency and duration; prints requests/s, MiB/s, latency
/// and the ratio.
/// </summary>
internal static class SegmentBenchmark
{
    private static string DeployedRule(string root, string name) => File.ReadAllText(Path.Combine(root, "deploy", name));

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = UploadBenchmark.Option(args, "--seconds", 10);
        var concurrency = UploadBenchmark.Option(args, "--concurrency", 16);
        var rounds = UploadBenchmark.Option(args, "--rounds", 3);
        // --accel: Media behind nginx, answering with X-Accel-Redirect so that nginx sends the bytes (the scaled setup).
        var accelerated = args.Contains("--accel");
        var root = UploadBenchmark.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("media-segments-").FullName;
        // nginx's workers run unprivileged: the published files must be readable to them.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, (UnixFileMode)0b111_101_101);
        }
        var processes = new List<Process>();
        try
        {
            var source = Path.Combine(work, "lesson.mp4");
            await Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "40", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", source);
            var data = Path.Combine(work, "data");
            var mediaPort = UploadBenchmark.FreePort();
            processes.Add(UploadBenchmark.Start("dotnet",
            [
                Path.Combine(root, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
                "--contentRoot", Path.Combine(root, "server", "Media.Server"), "--urls", $"http://127.0.0.1:{mediaPort}",
                $"--Media:DataPath={data}", "--Media:Demo:Enabled=true", "--Media:Demo:Password=bench-pass",
                "--Media:Jobs:QueuePollInterval=00:00:00.500", "--Media:Transcoding:Preset=ultrafast", "--Logging:LogLevel:Default=Warning",
                accelerated ? "--Media:Streaming:AcceleratedRedirectPrefix=/_media-files/" : "--Media:Streaming:AcceleratedRedirectPrefix=",
            ]));
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{mediaPort}"), Timeout = TimeSpan.FromMinutes(5) };
            await UploadBenchmark.WaitReadyAsync(http, $"http://127.0.0.1:{mediaPort}/health/ready");
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = "bench-pass" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var lesson = await UploadAndPublishAsync(http, source);
            var playback = (await http.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback")).GetProperty("url").GetString()!;
            var query = playback[playback.IndexOf('?', StringComparison.Ordinal)..];

            // The published files, as both servers will serve them.
            var published = Directory.GetDirectories(Path.Combine(data, "blobs", "lessons", lesson.ToString("N"))).Single();
            var segments = Directory.EnumerateFiles(published, "*.m4s", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(published, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
            var nginxPort = UploadBenchmark.FreePort();
            var proxyPort = UploadBenchmark.FreePort();
            // deploy/nginx-media-*.conf as a deployment includes them, on this run's folders.
            var proxy = accelerated
                ? $$"""
                  upstream api { server 127.0.0.1:{{mediaPort}}; keepalive 64; }
                  {{DeployedRule(root, "nginx-media-http.conf").Replace("/var/cache/nginx/media-grants", Path.Combine(work, "grants"), StringComparison.Ordinal)}}
                  server {
                    listen 127.0.0.1:{{proxyPort}};
                    {{DeployedRule(root, "nginx-media-locations.conf").Replace("alias /blobs/", $"alias {Path.Combine(data, "blobs")}/", StringComparison.Ordinal)}}
                    location / { proxy_pass http://api; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; }
                  }
                  """
                : string.Empty;
            var conf = Path.Combine(work, "nginx.conf");
            await File.WriteAllTextAsync(conf, $$"""
                worker_processes 2;
                pid {{work}}/nginx.pid;
                error_log {{work}}/nginx-error.log;
                events { worker_connections 1024; }
                http {
                  access_log off;
                  sendfile on;
                  types { video/iso.segment m4s; }
                  server { listen 127.0.0.1:{{nginxPort}}; root {{published}}; }
                  {{proxy}}
                  client_body_temp_path {{work}}/nb; proxy_temp_path {{work}}/np; fastcgi_temp_path {{work}}/nf; uwsgi_temp_path {{work}}/nu; scgi_temp_path {{work}}/ns;
                }
                """);
            processes.Add(UploadBenchmark.Start("nginx", ["-c", conf, "-p", work, "-g", "daemon off;"]));
            await UploadBenchmark.WaitReadyAsync(http, $"http://127.0.0.1:{nginxPort}/{segments[0]}");

            Console.WriteLine($"segment benchmark: {segments.Count} segments of a 40 s 720p lesson, {concurrency} concurrent clients, {rounds} rounds of {seconds} s each");
            var nginxUrls = segments.Select(s => $"http://127.0.0.1:{nginxPort}/{s}").ToList();
            var mediaUrls = segments.Select(s => $"http://127.0.0.1:{(accelerated ? proxyPort : mediaPort)}/media/{lesson:N}/{s}{query}").ToList();
            var mediaName = accelerated ? "  media (nginx after the API's grant)" : "  media (token check + blob store)";
            // Rounds alternate which server goes first, so that warm-up and drift on a shared 2-core machine do not
            // favour one; the verdict is the median of the per-round ratios.
            var ratios = new List<(double RequestsPerSecond, double P99)>();
            // An unmeasured warm-up of both first: without it the server measured first in round 1 ran cold (JIT,
            // page cache, connection pools) and lost by 25-35 % every time, whichever it was.
            await LoadAsync(nginxUrls, concurrency, 3);
            await LoadAsync(mediaUrls, concurrency, 3);
            for (var round = 1; round <= rounds; round++)
            {
                LoadResult nginx, media;
                if (round % 2 == 1)
                {
                    nginx = await LoadAsync(nginxUrls, concurrency, seconds);
                    media = await LoadAsync(mediaUrls, concurrency, seconds);
                }
                else
                {
                    media = await LoadAsync(mediaUrls, concurrency, seconds);
                    nginx = await LoadAsync(nginxUrls, concurrency, seconds);
                }

                Console.WriteLine($"round {round}");
                Print("  nginx (static files, sendfile)", nginx);
                Print(mediaName, media);
                ratios.Add((media.RequestsPerSecond / nginx.RequestsPerSecond, media.P99 / nginx.P99));
            }

            var requests = ratios.Select(r => r.RequestsPerSecond).Order().ToList()[ratios.Count / 2];
            var p99 = ratios.Select(r => r.P99).Order().ToList()[ratios.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio media/nginx (median of {rounds}): {requests:0.00} requests/s (goal ≥ {(accelerated ? "0.95" : "1.0")}), {p99:0.00} p99 latency (goal ≤ 1.5)"));
            return 0;
        }
        finally
        {
            foreach (var process in processes.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<Guid> UploadAndPublishAsync(HttpClient http, string file)
    {
        await using var content = File.OpenRead(file);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/") { Content = new StreamContent(content) };
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var url = (await http.SendAsync(create)).Headers.Location!.OriginalString;
        for (var i = 0; i < 600; i++)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(url + "/status");
            if (status.GetProperty("lessonId").ValueKind == JsonValueKind.String)
            {
                var id = status.GetProperty("lessonId").GetString();
                if ((await http.GetFromJsonAsync<JsonElement>($"/api/lessons/{id}")).GetProperty("status").GetString() == "published")
                {
                    return Guid.Parse(id!);
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the lesson was not published");
    }

    private static async Task<LoadResult> LoadAsync(List<string> urls, int concurrency, int seconds)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        var latencies = new List<double>[concurrency];
        long bytes = 0;
        var stop = Stopwatch.StartNew();
        var duration = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            latencies[worker] = [];
            var buffer = new byte[1 << 16];
            for (var i = worker; stop.Elapsed < duration; i += concurrency)
            {
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(urls[i % urls.Count], HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    Interlocked.Add(ref bytes, read);
                }

                latencies[worker].Add(clock.Elapsed.TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new LoadResult(all.Count / stop.Elapsed.TotalSeconds, bytes / 1048576.0 / stop.Elapsed.TotalSeconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
    }

    private static void Print(string name, LoadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-34} {r.RequestsPerSecond,8:0} req/s {r.MebibytesPerSecond,8:0} MiB/s  p50 {r.P50,6:0.0} ms  p99 {r.P99,6:0.0} ms"));

    private static async Task Run(string file, params string[] args)
    {
        using var process = UploadBenchmark.Start(file, args);
        await process.WaitForExitAsync();
    }

    private sealed record LoadResult(double RequestsPerSecond, double MebibytesPerSecond, double P50, double P99);
}
