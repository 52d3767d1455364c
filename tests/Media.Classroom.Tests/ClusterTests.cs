using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Media.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Media.Classroom.Tests;

/// <summary>
/// The compose topology as real processes (<see cref="ClusterFixture"/>): nginx, two api nodes, two workers,
/// PostgreSQL, Redis. A node is killed with SIGKILL mid-class and mid-upload; its clients carry on through nginx on
/// the other node with nothing lost.
/// </summary>
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>, IAsyncDisposable
{
    private const int Students = 20;
    private readonly List<HubConnection> _connections = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> TokenAsync(string userName, string password = ClusterFixture.Password)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    private HttpClient Client(string token, string? baseUrl = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl ?? cluster.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<HubConnection> ConnectAsync(string baseUrl, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/classroom", o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        lock (_connections)
        {
            _connections.Add(connection);
        }

        await connection.StartAsync(Ct);
        return connection;
    }

    [Fact]
    public async Task NodeKilledMidClass_ItsStudentsComeBackThroughNginxToTheSameRoom()
    {
        var teacherToken = await TokenAsync("teacher");
        using var teacher = Client(teacherToken);
        var created = await teacher.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "名师课堂：节点故障", kind = "broadcast", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var session = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var tokens = await StudentTokensAsync();

        var host = await ConnectAsync(cluster.ApiUrls[1], teacherToken);
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var pages = new ConcurrentBag<int>();
        var polls = new ConcurrentBag<JsonElement>();
        var students = new HubConnection[Students];
        await Parallel.ForEachAsync(Enumerable.Range(0, Students), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
        {
            var connection = await ConnectAsync(cluster.ApiUrls[0], tokens[i].Token);
            connection.On<int>("pageChanged", pages.Add);
            connection.On<JsonElement>("pollChanged", polls.Add);
            await connection.InvokeAsync<JsonElement>("Join", session, null, ct);
            students[i] = connection;
        });
        await host.InvokeAsync("ShowPage", 9, Ct);
        await WaitUntilAsync(() => pages.Count == Students, "the page change reaches the 20 students on the other node");
        await students[2].InvokeAsync("RaiseHand", true, Ct);
        await host.InvokeAsync("StartPoll", "浮力的大小与什么有关？", new[] { "排开液体的体积", "物体的质量" }, Ct);
        await WaitUntilAsync(() => polls.Count == Students, "the poll reaches every student");
        var pollId = polls.First().GetProperty("id").GetGuid();
        await students[4].InvokeAsync("Vote", pollId, 0, Ct);

        await cluster.KillApiAsync(0);
        try
        {
            var snapshots = new ConcurrentBag<JsonElement>();
            await Parallel.ForEachAsync(Enumerable.Range(0, Students), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (i, ct) =>
            {
                var again = await ConnectAsync(cluster.BaseUrl, tokens[i].Token);
                snapshots.Add(await again.InvokeAsync<JsonElement>("Join", session, null, ct));
            });

            Assert.All(snapshots, snapshot =>
            {
                Assert.Equal(9, snapshot.GetProperty("page").GetInt32());
                Assert.Equal([tokens[2].UserId], snapshot.GetProperty("hands").EnumerateArray().Select(h => h.GetGuid()));
                Assert.Equal([1, 0], snapshot.GetProperty("poll").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
            });
            Assert.Equal(Students + 1, (await host.InvokeAsync<JsonElement>("Join", session, null, Ct)).GetProperty("participants").GetArrayLength());
        }
        finally
        {
            await cluster.RestartApiAsync(0);
        }
    }

    [Fact]
    public async Task NodeKilledMidUpload_TheUploadResumesThroughNginxOnTheOtherNode()
    {
        var token = await TokenAsync("teacher");
        using var viaNginx = Client(token);
        var content = RandomNumberGenerator.GetBytes(400_000);
        using var create = Tus(HttpMethod.Post, "/api/uploads/");
        create.Headers.Add("Upload-Length", content.Length.ToString(CultureInfo.InvariantCulture));
        var createdResponse = await viaNginx.SendAsync(create, Ct);
        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        var url = new Uri(new Uri(cluster.BaseUrl), createdResponse.Headers.Location!).AbsolutePath;

        // Node A receives the first 150 kB and dies with the request open: its lease stays behind, unrenewed.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, new Uri(cluster.ApiUrls[0]).Port, Ct);
            var head = $"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n" +
                $"Content-Type: application/offset+octet-stream\r\nContent-Length: {content.Length}\r\n\r\n";
            await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            await socket.GetStream().WriteAsync(content.AsMemory(0, 150_000), Ct);
            await WaitUntilAsync(async () => await OffsetAsync(viaNginx, url) > 0, "the first bytes reach the shared blob folder");
            await cluster.KillApiAsync(0);
        }

        try
        {
            // As a tus client does: HEAD through the balancer, PATCH the rest, and on 409 (the dead node's lease has
            // not run out yet) ask again.
            HttpResponseMessage response;
            long stored;
            var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
            do
            {
                await Task.Delay(500, Ct);
                stored = await OffsetAsync(viaNginx, url);
                using var patch = Tus(HttpMethod.Patch, url);
                patch.Headers.Add("Upload-Offset", stored.ToString(CultureInfo.InvariantCulture));
                patch.Content = new ByteArrayContent(content[(int)stored..]);
                patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
                response = await viaNginx.SendAsync(patch, Ct);
            }
            while (response.StatusCode == HttpStatusCode.Conflict && DateTimeOffset.UtcNow < deadline);

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.InRange(stored, 1, 150_000);
            JsonElement status = default;
            await WaitUntilAsync(async () =>
            {
                status = await viaNginx.GetFromJsonAsync<JsonElement>(url + "/status", Ct);
                return status.GetProperty("state").GetString() is "accepted" or "rejected";
            }, "the upload gets its verdict");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.GetProperty("sha256").GetString());
        }
        finally
        {
            await cluster.RestartApiAsync(0);
        }
    }

    private static HttpRequestMessage Tus(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static async Task<long> OffsetAsync(HttpClient client, string url)
    {
        using var head = Tus(HttpMethod.Head, url);
        using var response = await client.SendAsync(head, Ct);
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Twenty students of one class from a roster import (real accounts), each signed in once.</summary>
    private async Task<(Guid UserId, string Token)[]> StudentTokensAsync()
    {
        using var admin = Client(await TokenAsync("admin"));
        var batch = Guid.NewGuid().ToString("N")[..6];
        var csv = "学校名称,年级,班级,姓名,学籍号,角色\n" + string.Concat(Enumerable.Range(0, Students).Select(i => $"济南市历下实验中学,八年级,集群{batch}班,学生{i},C{batch}{i:D4},学生\n"));
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        var imported = await admin.PostAsync("/api/admin/roster?apply=true", body, Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        var people = (await imported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("people").EnumerateArray()
            .Where(p => p.GetProperty("initialPassword").ValueKind == JsonValueKind.String).ToArray();
        Assert.Equal(Students, people.Length);
        var tokens = new (Guid, string)[Students];
        for (var i = 0; i < Students; i++)
        {
            var token = await TokenAsync(people[i].GetProperty("userName").GetString()!, people[i].GetProperty("initialPassword").GetString()!);
            using var me = Client(token);
            tokens[i] = ((await me.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid(), token);
        }

        return tokens;
    }

    private static Task WaitUntilAsync(Func<bool> done, string what) => WaitUntilAsync(() => Task.FromResult(done()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (!await done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"never happened: {what}");
            await Task.Delay(100, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
