using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Catalog.Tests;

/// <summary>
/// Two nodes on one PostgreSQL catalog, each with a Lucene index of its own: a lesson renamed through node A is found
/// under its new name on node B once B has caught up (the lag is printed; it is bounded by the catch-up interval).
/// </summary>
public sealed class SearchAcrossNodesTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private MediaServerFactory? _nodeA;
    private MediaServerFactory? _nodeB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        MediaServerFactory Node() => new MediaServerFactory()
            .With("Media:Database:Provider", "PostgreSql")
            .With("Media:Database:ConnectionString", database)
            .With("Media:Catalog:DemoLessons", "50");
        _nodeA = Node();
        _ = _nodeA.Server;
        _nodeB = Node();
        _ = _nodeB.Server;
    }

    [Fact]
    public async Task RenamedOnNodeA_IsFoundOnNodeB_AfterItCatchesUp()
    {
        var onA = await _nodeA!.CreateClientForAsync("admin");
        var onB = await _nodeB!.CreateClientForAsync("admin");
        Assert.Equal(50, (await Search(onB, "")).GetProperty("total").GetInt64());
        var lesson = (await Search(onA, "")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var clock = Stopwatch.StartNew();
        var renamed = await onA.PatchAsJsonAsync($"/api/lessons/{lesson}", new { title = "跨节点检索的浮力实验" }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(lesson, Assert.Single((await Search(onA, "跨节点检索")).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        while (!(await Search(onB, "跨节点检索")).GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == lesson))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "node B never caught up with the rename");
            await Task.Delay(100, Ct);
        }

        // For README's figure (a measurement, not an assertion): kept beside the test binaries like the screenshots.
        var line = $"{DateTimeOffset.UtcNow:u} node B found the renamed lesson {clock.Elapsed.TotalSeconds:0.0} s after the rename on node A{Environment.NewLine}";
        await File.AppendAllTextAsync(Path.Combine(AppContext.BaseDirectory, "search-lag.txt"), line, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
    }

    private static async Task<JsonElement> Search(HttpClient client, string q) =>
        await client.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString(q), Ct);

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
    }
}
