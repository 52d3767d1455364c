using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>Uploads survive what school networks and servers do to them: aborts, cut bodies, restarts, races.</summary>
public sealed class ResumableUploadTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("resumable");
    private readonly MediaServerFactory _server = new();
    private string _baseUrl = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    private Task<HttpClient> TeacherAsync(string userName = "teacher") => _server.CreateClientForAsync(userName);

    [Fact]
    public async Task TusJsClient_AbortedAndResumed_StoresTheExactFileAndMakesALesson()
    {
        var node = "/usr/bin/node";
        var script = Path.Combine(AppContext.BaseDirectory, "tus-upload.mjs");
        TestEnvironment.RequireService(File.Exists(node) && Directory.Exists(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "node_modules", "tus-js-client")),
            "node or tests/node_modules/tus-js-client is missing (the README's test command installs them)");
        var file = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(file, seconds: 6);
        var client = await TeacherAsync();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;

        var run = await TestProcess.RunAsync(node, [script, _baseUrl + "/api/uploads/", token, file, "65536", "0.4"]);
        Assert.True(run.ExitCode == 0, run.Errors);
        var output = run.Output;
        var result = JsonSerializer.Deserialize<JsonElement>(output);

        Assert.True(result.GetProperty("firstAborted").GetBoolean());
        var total = result.GetProperty("total").GetInt64();
        Assert.InRange(result.GetProperty("firstAccepted").GetInt64(), 1, total - 1);
        var status = await TusHttp.WaitForVerdictAsync(client, result.GetProperty("url").GetString()!);
        Assert.Equal("accepted", status.State);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file, Ct))), status.Sha256);
        var lesson = await client.GetFromJsonAsync<JsonElement>($"/api/lessons/{status.LessonId}", Ct);
        Assert.Equal("背影（tus-js-client）", lesson.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Patch_BodyCutOffMidway_KeepsWhatArrivedAndResumesToTheRightHash()
    {
        var content = RandomNumberGenerator.GetBytes(400_000);
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, content.Length);

        // A raw request that promises the whole file but sends 150 kB and then drops the connection.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, new Uri(_baseUrl).Port, Ct);
            var stream = socket.GetStream();
            var head = $"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {client.DefaultRequestHeaders.Authorization!.Parameter}\r\n" +
                $"Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {content.Length}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            await stream.WriteAsync(content.AsMemory(0, 150_000), Ct);
            await stream.FlushAsync(Ct);
            await Task.Delay(300, Ct);
        }

        // What arrived is kept: on a busy machine the server may take a while to read the cut request, so wait for
        // the offset to show it (a HEAD before that would see 0 and the test would resume from the start).
        long stored = 0;
        await Eventually.HoldsAsync(async () => (stored = await TusHttp.OffsetAsync(client, url)) > 0, TimeSpan.FromMinutes(2), () => $"the offset stayed {stored}");

        // As a tus client does: HEAD for the offset, PATCH the rest, and on 409 (the server is still
        // finishing the cut request) ask again.
        HttpResponseMessage response;
        var attempts = 0;
        do
        {
            await Task.Delay(100 * attempts++, Ct);
            stored = await TusHttp.OffsetAsync(client, url);
            response = await TusHttp.PatchAsync(client, url, stored, content[(int)stored..]);
        }
        while (response.StatusCode == HttpStatusCode.Conflict && attempts < 20);

        Assert.InRange(stored, 1, 150_000);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var status = await TusHttp.WaitForVerdictAsync(client, url);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
    }

    [Fact]
    public async Task TwoClients_RacingOnOneUpload_OneGets409AndNothingIsCorrupted()
    {
        var content = RandomNumberGenerator.GetBytes(200_000);
        var client = await TeacherAsync();
        var url = await TusHttp.CreateAsync(client, content.Length);

        // The first client holds the upload open by sending its body slowly.
        using var slow = new TcpClient();
        await slow.ConnectAsync(IPAddress.Loopback, new Uri(_baseUrl).Port, Ct);
        var slowStream = slow.GetStream();
        var head = $"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {client.DefaultRequestHeaders.Authorization!.Parameter}\r\n" +
            $"Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {content.Length}\r\n\r\n";
        await slowStream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        // More than the blob store's 64 KiB write buffer, so that the bytes are on disk while the request stays open.
        await slowStream.WriteAsync(content.AsMemory(0, 100_000), Ct);
        await WaitForOffsetAsync(client, url, o => o > 0);

        var racing = await TusHttp.PatchAsync(client, url, 0, content);

        Assert.Equal(HttpStatusCode.Conflict, racing.StatusCode);
        await slowStream.WriteAsync(content.AsMemory(100_000), Ct);
        var reply = new byte[1024];
        var read = await slowStream.ReadAsync(reply, Ct);
        Assert.StartsWith("HTTP/1.1 204", Encoding.ASCII.GetString(reply, 0, read), StringComparison.Ordinal);
        var status = await TusHttp.WaitForVerdictAsync(client, url);
        Assert.Equal(content.Length, status.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
    }

    [Fact]
    public async Task SameContentTwice_SecondUploadLinksToTheFirstLesson()
    {
        var file = _folder.Combine("dup.mp4");
        await Ffmpeg.LessonAsync(file, seconds: 3);
        var content = await File.ReadAllBytesAsync(file, Ct);

        var first = await TusHttp.WaitForVerdictAsync(await TeacherAsync(), await TusHttp.UploadAsync(await TeacherAsync(), content, "a.mp4"));
        var otherTeacher = await TeacherAsync("teacher2");
        var second = await TusHttp.WaitForVerdictAsync(otherTeacher, await TusHttp.UploadAsync(otherTeacher, content, "b.mp4"));

        Assert.Equal("accepted", first.State);
        Assert.Equal("accepted", second.State);
        Assert.Equal(first.LessonId, second.LessonId);
        var blobs = Directory.GetFiles(Path.Combine(_server.DataPath, "blobs", "uploads"), "source", SearchOption.AllDirectories)
            .Where(p => new FileInfo(p).Length == content.Length).ToList();
        Assert.Single(blobs);
    }

    private static async Task<long> WaitForOffsetAsync(HttpClient client, string url, Func<long, bool> done)
    {
        var clock = Stopwatch.StartNew();
        long offset;
        while (!done(offset = await TusHttp.OffsetAsync(client, url)))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the upload's offset stayed at {offset}");
            await Task.Delay(50, Ct);
        }

        return offset;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>A server restart between two PATCHes loses nothing: the hash of the stored prefix is rebuilt.</summary>
public sealed class UploadRestartTests
{
    [Fact]
    public async Task Restart_BetweenPatches_UploadCompletesWithTheRightHash()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder("restart-upload");
        var content = RandomNumberGenerator.GetBytes(300_000);
        string url;
        await using (var before = new MediaServerFactory().With("Media:DataPath", data.Path))
        {
            var client = await before.CreateClientForAsync("teacher");
            url = await TusHttp.CreateAsync(client, content.Length);
            Assert.Equal(HttpStatusCode.NoContent, (await TusHttp.PatchAsync(client, url, 0, content[..120_000])).StatusCode);
        }

        await using var after = new MediaServerFactory().With("Media:DataPath", data.Path);
        var again = await after.CreateClientForAsync("teacher");
        var offset = await TusHttp.OffsetAsync(again, url);
        var response = await TusHttp.PatchAsync(again, url, offset, content[(int)offset..]);
        var status = await TusHttp.WaitForVerdictAsync(again, url);

        Assert.Equal(120_000, offset);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
        Assert.Equal(content.Length.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Upload-Offset").Single());
        _ = ct;
    }
}
