using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>
/// Two nodes of one deployment (one PostgreSQL database, one shared blob folder, as behind a balancer): an upload begun on
/// one node resumes on the other with its offset and SHA-256 intact, and the two never write to one upload at once.
/// </summary>
public sealed class UploadAcrossNodesTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly TempFolder _sharedBlobs = new("two-nodes-blobs");
    private MediaServerFactory? _nodeA;
    private MediaServerFactory? _nodeB;
    private string _baseUrlA = string.Empty;
    private string _database = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MediaServerFactory NodeA => _nodeA!;

    private MediaServerFactory NodeB => _nodeB!;

    public async ValueTask InitializeAsync()
    {
        _database = await postgres.CreateDatabaseAsync();
        MediaServerFactory Node() => new MediaServerFactory()
            .With("Media:Database:Provider", "PostgreSql")
            .With("Media:Database:ConnectionString", _database)
            .With("Media:Jobs:Provider", "PostgreSql")
            .With("Media:Storage:RootPath", _sharedBlobs.Path);
        _nodeA = Node();
        _baseUrlA = NodeA.StartOnLoopback();
        _nodeB = Node();
        _ = NodeB.Server;
    }

    [Fact]
    public async Task CutOffOnNodeA_ResumedOnNodeB_StoresTheExactFile()
    {
        var content = RandomNumberGenerator.GetBytes(400_000);
        var onA = await NodeA.CreateClientForAsync("teacher");
        var onB = await NodeB.CreateClientForAsync("teacher");
        var url = await TusHttp.CreateAsync(onA, content.Length);

        using (var socket = await BeginRawPatchAsync(onA, url, content.Length))
        {
            await socket.GetStream().WriteAsync(content.AsMemory(0, 150_000), Ct);
            await socket.GetStream().FlushAsync(Ct);
            await WaitForOffsetAsync(onB, url, o => o > 0);
        }

        // As a tus client does after losing its node: HEAD for the offset and PATCH the rest through the balancer, asking
        // again on 409 while node A still finishes the cut request.
        HttpResponseMessage response;
        long stored;
        var attempts = 0;
        do
        {
            await Task.Delay(200 * attempts++, Ct);
            stored = await TusHttp.OffsetAsync(onB, url);
            response = await TusHttp.PatchAsync(onB, url, stored, content[(int)stored..]);
        }
        while (response.StatusCode == HttpStatusCode.Conflict && attempts < 30);

        Assert.InRange(stored, 1, 150_000);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var status = await TusHttp.WaitForVerdictAsync(onA, url);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
    }

    [Fact]
    public async Task WritingOnNodeA_PatchOnNodeB_Gets409AndNothingIsCorrupted()
    {
        var content = RandomNumberGenerator.GetBytes(200_000);
        var onA = await NodeA.CreateClientForAsync("teacher");
        var onB = await NodeB.CreateClientForAsync("teacher");
        var url = await TusHttp.CreateAsync(onA, content.Length);

        // More than the blob store's 64 KiB write buffer, so that the bytes are on disk while the request stays open.
        using var slow = await BeginRawPatchAsync(onA, url, content.Length);
        await slow.GetStream().WriteAsync(content.AsMemory(0, 100_000), Ct);
        await WaitForOffsetAsync(onB, url, o => o > 0);

        var seenOnB = await TusHttp.OffsetAsync(onB, url);
        var racing = await TusHttp.PatchAsync(onB, url, seenOnB, content[(int)seenOnB..]);

        Assert.Equal(HttpStatusCode.Conflict, racing.StatusCode);
        await slow.GetStream().WriteAsync(content.AsMemory(100_000), Ct);
        var reply = new byte[1024];
        var read = await slow.GetStream().ReadAsync(reply, Ct);
        Assert.StartsWith("HTTP/1.1 204", Encoding.ASCII.GetString(reply, 0, read), StringComparison.Ordinal);
        var status = await TusHttp.WaitForVerdictAsync(onB, url);
        Assert.Equal(content.Length, status.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
    }

    [Fact]
    public async Task NodeDiedWhileWriting_AnotherNodeResumesOnceTheLeaseRunsOut()
    {
        var content = RandomNumberGenerator.GetBytes(120_000);
        var onB = await NodeB.CreateClientForAsync("teacher");
        var url = await TusHttp.CreateAsync(onB, content.Length);
        Assert.Equal(HttpStatusCode.NoContent, (await TusHttp.PatchAsync(onB, url, 0, content[..70_000])).StatusCode);
        // What a node killed mid-PATCH leaves behind: its lease, which nobody renews any more.
        await using (var connection = new Npgsql.NpgsqlConnection(_database))
        {
            await connection.OpenAsync(Ct);
            await using var command = new Npgsql.NpgsqlCommand(
                "UPDATE ingest.uploads SET \"WriterLease\" = 'killed-node', \"WriterLeaseExpiresAt\" = now() + interval '30 seconds' WHERE \"Id\" = @id",
                connection);
            command.Parameters.AddWithValue("id", Guid.Parse(url.TrimEnd('/').Split('/')[^1]));
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        Assert.Equal(HttpStatusCode.Conflict, (await TusHttp.PatchAsync(onB, url, 70_000, content[70_000..])).StatusCode);
        NodeB.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.NoContent, (await TusHttp.PatchAsync(onB, url, 70_000, content[70_000..])).StatusCode);
        var status = await TusHttp.WaitForVerdictAsync(onB, url);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), status.Sha256);
    }

    /// <summary>A PATCH to node A over a raw socket, headers sent and the body left to the caller.</summary>
    private async Task<TcpClient> BeginRawPatchAsync(HttpClient client, string url, long length)
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, new Uri(_baseUrlA).Port, Ct);
        var head = $"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {client.DefaultRequestHeaders.Authorization!.Parameter}\r\n" +
            $"Tus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: {length}\r\n\r\n";
        await socket.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        return socket;
    }

    private static async Task WaitForOffsetAsync(HttpClient client, string url, Func<long, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (!done(await TusHttp.OffsetAsync(client, url)))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the bytes sent to node A never showed on node B");
            await Task.Delay(50, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_nodeA is not null)
        {
            await _nodeA.DisposeAsync();
        }

        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
        }

        _sharedBlobs.Dispose();
    }
}
