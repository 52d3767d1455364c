using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>Blind review of a school-only lesson: the reviewers it is assigned to may watch it; before, they may not.</summary>
public sealed class ReviewerPlaybackTests : IAsyncDisposable
{
    // Role "all": the lesson is transcoded, so that there is something to watch.
    private readonly ReviewWorld _world = new("all");

    [Fact]
    public async Task Playback_SchoolOnlyEntry_OpensToItsAssignedReviewersOnly()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var otherTeacher = await _world.ClientAsync("teacher2");
        var source = _world.Folder("entry.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "320x240");
        var lesson = await LessonApi.PublishAsync(teacher, source);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct)).StatusCode);
        var before = await reviewer.GetAsync($"/api/lessons/{lesson}/playback", Ct);

        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 2, standard = Lenient });
        await SubmitAsync(teacher, campaign, lesson);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct);
        var after = await reviewer.GetAsync($"/api/lessons/{lesson}/playback", Ct);
        var notAReviewer = await otherTeacher.GetAsync($"/api/lessons/{lesson}/playback", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Single(queue.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAReviewer.StatusCode);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
