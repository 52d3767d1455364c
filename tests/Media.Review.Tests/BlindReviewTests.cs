using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>
/// Blind review stays blind: the reviewer watches an entry through a link that names no lesson (even a school-only one
/// they could not open otherwise), and the catalog hides the lesson from them while they judge it.
/// </summary>
public sealed class BlindReviewTests : IAsyncDisposable
{
    // Role "all": the lesson is transcoded, so that there is something to watch.
    private readonly ReviewWorld _world = new("all");

    [Fact]
    public async Task Playback_SchoolOnlyEntry_PlaysForItsReviewerThroughALinkThatNamesNoLesson()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var otherTeacher = await _world.ClientAsync("teacher2");
        var lesson = await PublishedLessonAsync(teacher, "张老师《背影》朗读指导");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct)).StatusCode);
        var assignment = await AssignOneAsync(admin, teacher, reviewer, lesson);

        var link = await reviewer.GetFromJsonAsync<JsonElement>($"/api/review/assignments/{assignment}/playback", Ct);
        var url = link.GetProperty("url").GetString()!;
        using var anonymous = _world.Server.CreateClient();
        var master = await anonymous.GetAsync(url, Ct);
        var masterText = await master.Content.ReadAsStringAsync(Ct);
        var variant = masterText.Split('\n').First(line => line.Length > 0 && !line.StartsWith('#'));
        var variantResponse = await anonymous.GetAsync(new Uri(new Uri(anonymous.BaseAddress!, url), variant), Ct);
        var download = await anonymous.GetAsync(url[..(url.LastIndexOf('/') + 1)] + "download.mp4" + url[url.IndexOf('?')..], Ct);
        var forged = await anonymous.GetAsync("/media/entry/bm90LWEta2V5/master.m3u8" + url[url.IndexOf('?')..], Ct);

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync($"/api/lessons/{lesson}/playback", Ct)).StatusCode);
        Assert.DoesNotContain(lesson.ToString("N"), url, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(lesson.ToString(), url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.DoesNotContain(lesson.ToString("N"), masterText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, variantResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.False((await otherTeacher.GetAsync($"/api/review/assignments/{assignment}/playback", Ct)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Catalog_EntryUnderReview_IsHiddenFromItsReviewerOnly()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var student = await _world.ClientAsync("student");
        var lesson = await PublishedLessonAsync(teacher, "《背影》朗读指导（盲评）");
        var pageBefore = await reviewer.GetAsync($"/api/lessons/{lesson}", Ct);
        var foundBefore = await FindsAsync(reviewer, lesson);

        await AssignOneAsync(admin, teacher, reviewer, lesson);

        Assert.Equal(HttpStatusCode.OK, pageBefore.StatusCode);
        Assert.True(foundBefore);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/lessons/{lesson}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/lessons/{lesson}/chapters", Ct)).StatusCode);
        Assert.False(await FindsAsync(reviewer, lesson));
        var suggestions = await reviewer.GetStringAsync("/api/catalog/complete?prefix=" + Uri.EscapeDataString("《背影》朗读"), Ct);
        Assert.DoesNotContain(lesson.ToString(), suggestions, StringComparison.OrdinalIgnoreCase);
        Assert.True(await FindsAsync(student, lesson));
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync($"/api/lessons/{lesson}", Ct)).StatusCode);
    }

    private async Task<Guid> PublishedLessonAsync(HttpClient teacher, string title)
    {
        var source = _world.Folder($"{Guid.NewGuid():N}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "320x240");
        return await LessonApi.PublishAsync(teacher, source, title);
    }

    /// <summary>Hands the lesson in to a one-level campaign and assigns reviewers; returns the reviewer's assignment.</summary>
    private static async Task<Guid> AssignOneAsync(HttpClient admin, HttpClient teacher, HttpClient reviewer, Guid lesson)
    {
        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 2, standard = Lenient });
        await SubmitAsync(teacher, campaign, lesson);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct);
        return Assert.Single(queue.EnumerateArray()).GetProperty("assignmentId").GetGuid();
    }

    private static async Task<bool> FindsAsync(HttpClient client, Guid lesson)
    {
        var result = await client.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("背影 朗读指导"), Ct);
        return result.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == lesson);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
