using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Catalog.Tests;

/// <summary>
/// A demo that plays: on first start the host makes a slide lesson with ffmpeg and puts it through the real ingest,
/// transcoding and publishing as the demo teacher; it comes first in the catalog and plays, while the generated
/// catalog-only entries say they have no video and are never given a playback URL. Once it is published, a demo
/// campaign holds it, handed in and waiting for both demo reviewers, blind.
/// </summary>
public sealed class DemoRecordingsTests : IAsyncLifetime
{
    private readonly MediaServerFactory _server = new MediaServerFactory()
        .With("Media:Catalog:DemoLessons", "40")
        .With("Media:Catalog:DemoRecordings", "1")
        .With("Media:Review:DemoCampaignEntries", "1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task FirstStart_DemoLessonIsTranscodedPlaysFirstAndAwaitsTheReviewers_CatalogOnlyEntriesSayTheyHaveNoVideo()
    {
        var student = await _server.CreateClientForAsync("student");

        var items = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            var result = await student.GetFromJsonAsync<JsonElement>("/api/catalog/search?pageSize=50", Ct);
            items = result.GetProperty("items").EnumerateArray().ToList();
            return items.Any(i => i.GetProperty("hasVideo").GetBoolean());
        }, TimeSpan.FromMinutes(6), () => string.Join('\n', items.Take(3)));

        var first = items[0];
        Assert.True(first.GetProperty("hasVideo").GetBoolean());
        Assert.Equal("勾股定理", first.GetProperty("title").GetString());
        Assert.Equal("数学", first.GetProperty("subject").GetString());
        Assert.Equal(41, items.Count);
        Assert.All(items.Skip(1), i => Assert.False(i.GetProperty("hasVideo").GetBoolean()));

        var lessonId = first.GetProperty("id").GetGuid();
        var lesson = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}", Ct);
        Assert.Equal("published", lesson.GetProperty("status").GetString());
        Assert.True(lesson.GetProperty("hasVideo").GetBoolean());
        Assert.Equal("八年级下册", lesson.GetProperty("volume").GetString());
        Assert.InRange(lesson.GetProperty("durationSeconds").GetDouble(), 45, 47);
        var playback = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lessonId}/playback", Ct);
        var master = await student.GetStringAsync(playback.GetProperty("url").GetString(), Ct);
        Assert.StartsWith("#EXTM3U", master, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-STREAM-INF", master, StringComparison.Ordinal);

        var catalogOnly = items[1].GetProperty("id").GetGuid();
        Assert.False((await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{catalogOnly}", Ct)).GetProperty("hasVideo").GetBoolean());
        var none = await student.GetAsync($"/api/lessons/{catalogOnly}/playback", Ct);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        Assert.True(File.Exists(Path.Combine(_server.DataPath, "demo-recordings", "gougu.mp4.submitted")), "a submitted demo file is marked, so a restart does not submit it again");
        await DemoCampaignHasItWaitingForBothReviewersAsync();
    }

    private async Task DemoCampaignHasItWaitingForBothReviewersAsync()
    {
        foreach (var reviewerName in new[] { "reviewer", "reviewer2" })
        {
            var reviewer = await _server.CreateClientForAsync(reviewerName);
            var queue = new List<JsonElement>();
            await Eventually.HoldsAsync(async () =>
            {
                queue = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct)).EnumerateArray().ToList();
                return queue.Count > 0;
            }, TimeSpan.FromMinutes(6));

            var entry = Assert.Single(queue);
            Assert.Equal("勾股定理", entry.GetProperty("title").GetString());
            Assert.Contains("一师一优课", entry.GetProperty("campaign").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("张老师", entry.ToString(), StringComparison.Ordinal);
            var playback = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/assignments/{entry.GetProperty("assignmentId").GetGuid()}/playback", Ct);
            Assert.StartsWith("#EXTM3U", await reviewer.GetStringAsync(playback.GetProperty("url").GetString(), Ct), StringComparison.Ordinal);
        }

        var admin = await _server.CreateClientForAsync("admin");
        var campaign = Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/review/campaigns", Ct)).EnumerateArray());
        Assert.Equal(["school", "county", "city"], campaign.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
