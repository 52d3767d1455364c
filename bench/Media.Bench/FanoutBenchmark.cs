using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Media.Platform;
using Media.Platform.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

/// <summary>
/// Classroom fan-out: N SignalR clients (WebSockets, one process) join one broadcast session on the real server
/// (Release build, its own process); the host changes the page 20 times; prints delivery latency p50/p99 over every
/// client and page, and the server's memory per connection. The baseline is the same server with no clients.
/// </summary>
internal static class FanoutBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.SkipWhile(a => a != "--clients").Skip(1).FirstOrDefault() ?? "100,1000,5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // Two nodes share one PostgreSQL database and one Redis (backplane and room state); the clients are split over
        // them and the host sits on the first, so that every page change crosses Redis to half of the class.
        var nodes = UploadBenchmark.Option(args, "--nodes", 1);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
        var redis = args.SkipWhile(a => a != "--redis").Skip(1).FirstOrDefault();
        if (nodes is < 1 or > 2 || (nodes == 2 && (postgres is null || redis is null)))
        {
            Console.Error.WriteLine("fanout: --nodes is 1 or 2; two nodes need --postgres <admin connection string> and --redis <host:port> (run-fanout.sh starts both)");
            return 2;
        }

        var root = UploadBenchmark.RepositoryRoot();
        Console.WriteLine($"classroom fan-out: one broadcast session, 20 page changes 250 ms apart, WebSockets on 127.0.0.1, {(nodes == 1 ? "one node" : "two nodes through Redis")}");
        Console.WriteLine($"{"clients",8} {"connect s",10} {"delivered",10} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"server MiB",11} {"KiB/conn",9}");
        foreach (var size in sizes)
        {
            await RunOnceAsync(root, size, nodes == 2 ? new Cluster(postgres!, redis!) : null);
        }

        return 0;
    }

    private sealed record Cluster(string AdminConnectionString, string Redis);

    private static async Task RunOnceAsync(string root, int clients, Cluster? cluster)
    {
        var work = Directory.CreateTempSubdirectory("media-fanout-").FullName;
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var shared = new List<string>();
        if (cluster is not null)
        {
            var database = "fanout_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new Npgsql.NpgsqlConnection(cluster.AdminConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            shared.AddRange(
            [
                "--Media:Database:Provider=PostgreSql", "--Media:Jobs:Provider=PostgreSql",
                "--Media:Database:ConnectionString=" + new Npgsql.NpgsqlConnectionStringBuilder(cluster.AdminConnectionString) { Database = database },
                "--Media:Redis:ConnectionString=" + cluster.Redis, $"--Media:Redis:KeyPrefix={database}:",
            ]);
        }

        var servers = new List<Process>();
        var baseUrls = new List<string>();
        var connections = new List<HubConnection>();
        try
        {
            // One after the other: the first migrates the shared database and seeds the demo accounts.
            for (var node = 0; node < (cluster is null ? 1 : 2); node++)
            {
                var port = UploadBenchmark.FreePort();
                servers.Add(UploadBenchmark.Start("dotnet",
                [
                    Path.Combine(root, "server", "Media.Server", "bin", "Release", "net10.0", "Media.Server.dll"),
                    "--contentRoot", Path.Combine(root, "server", "Media.Server"), "--urls", $"http://127.0.0.1:{port}",
                    $"--Media:DataPath={Path.Combine(work, $"node{node}")}", "--Media:Demo:Enabled=true", "--Media:Demo:Password=bench-pass", $"--Media:Auth:SigningKey={key}",
                    "--Logging:LogLevel:Default=Warning", .. shared,
                ]));
                baseUrls.Add($"http://127.0.0.1:{port}");
                using var probe = new HttpClient();
                await UploadBenchmark.WaitReadyAsync(probe, baseUrls[^1] + "/health/ready");
            }

            var baseUrl = baseUrls[0];
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var hostToken = (await (await http.PostAsJsonAsync("/api/auth/token", new { userName = "teacher", password = "bench-pass" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hostToken);
            var created = await http.PostAsJsonAsync("/api/classroom/sessions", new { title = "名师课堂", kind = "broadcast", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(2) });
            var session = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            // Students are real accounts (a token signs in only someone the server knows): one roster import creates them all.
            var tokens = await StudentTokensAsync(http, clients);
            // The baseline is taken after the import and sign-ins, so that per-connection memory counts connections only.
            await Task.Delay(1000);
            var baselineBytes = servers.Sum(Rss);
            var pages = 20;
            var received = new long[clients, pages + 1];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                var token = tokens[i];
                var connection = new HubConnectionBuilder()
                    .WithUrl(baseUrls[i % baseUrls.Count] + "/hubs/classroom", o =>
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                        o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    })
                    .Build();
                connection.On<int>("pageChanged", page => received[i, page] = Stopwatch.GetTimestamp());
                await connection.StartAsync(ct);
                await connection.InvokeAsync<JsonElement>("Join", session, null, ct);
                lock (connections)
                {
                    connections.Add(connection);
                }
            });
            var connectSeconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(1000);
            var loadedBytes = servers.Sum(Rss);

            var hostConnection = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/classroom", o => o.AccessTokenProvider = () => Task.FromResult<string?>(hostToken)).Build();
            await hostConnection.StartAsync();
            await hostConnection.InvokeAsync<JsonElement>("Join", session, null);
            var sent = new long[pages + 1];
            for (var page = 1; page <= pages; page++)
            {
                sent[page] = Stopwatch.GetTimestamp();
                await hostConnection.InvokeAsync("ShowPage", page);
                await Task.Delay(250);
            }

            await Task.Delay(2000);
            var latencies = new List<double>(clients * pages);
            for (var i = 0; i < clients; i++)
            {
                for (var page = 1; page <= pages; page++)
                {
                    if (received[i, page] != 0)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent[page], received[i, page]).TotalMilliseconds);
                    }
                }
            }

            latencies.Sort();
            var delivered = latencies.Count / (double)(clients * pages);
            var p = (double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{clients,8} {connectSeconds,10:0.0} {delivered,9:P1} {p(0.5),8:0.0} {p(0.99),8:0.0} {(latencies.Count == 0 ? double.NaN : latencies[^1]),8:0.0} {loadedBytes / 1048576.0,11:0} {(loadedBytes - baselineBytes) / 1024.0 / clients,9:0.0}"));
            await hostConnection.DisposeAsync();
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            foreach (var server in servers)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                server.Dispose();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static long Rss(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Imports <paramref name="count"/> students of one class (as an administrator) and signs each in once.</summary>
    private static async Task<string[]> StudentTokensAsync(HttpClient http, int count)
    {
        // A roster of thousands takes minutes on two shared cores (each initial password is hashed).
        using var admin = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        var adminToken = (await (await admin.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "bench-pass" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var csv = "学校名称,年级,班级,姓名,学籍号,角色\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"济南市历下实验中学,八年级,压测班,学生{i},B{i:D8},学生\n"));
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        var report = await (await admin.PostAsync("/api/admin/roster?apply=true", content)).Content.ReadFromJsonAsync<JsonElement>();
        var people = report.GetProperty("people").EnumerateArray().Where(p => p.GetProperty("initialPassword").ValueKind == JsonValueKind.String).ToArray();
        var tokens = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var client = new HttpClient { BaseAddress = http.BaseAddress };
            var signIn = await client.PostAsJsonAsync("/api/auth/token", new { userName = people[i].GetProperty("userName").GetString(), password = people[i].GetProperty("initialPassword").GetString() }, ct);
            tokens[i] = (await signIn.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
        });
        return tokens;
    }
}
