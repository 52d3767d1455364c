using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>A lesson renamed and moved to another subject in the catalog is seen that way by review (LessonDetailsChanged).</summary>
public sealed class LessonDetailsTests : IAsyncLifetime
{
    private readonly ReviewWorld _world = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task CatalogEdit_RenamesAndResubjects_ReviewsCopy()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var lesson = await _world.LessonAsync(teacher, "《背影》初稿", subject: "语文");
        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school" }, reviewersPerEntry = 1, standard = Lenient });
        var before = await EligibleAsync(teacher, campaign, lesson);
        Assert.Equal(("《背影》初稿", "语文"), (before.GetProperty("title").GetString(), before.GetProperty("subject").GetString()));

        var edited = await teacher.PatchAsJsonAsync($"/api/lessons/{lesson}", new { title = "《背影》第二课时", subject = "道德与法治" }, Ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        JsonElement after;
        while ((after = await EligibleAsync(teacher, campaign, lesson)).GetProperty("subject").GetString() != "道德与法治")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"review still sees {after}");
            await Task.Delay(200, Ct);
        }

        Assert.Equal("《背影》第二课时", after.GetProperty("title").GetString());
    }

    private static async Task<JsonElement> EligibleAsync(HttpClient teacher, Guid campaign, Guid lesson) =>
        (await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/lessons/mine", Ct))
            .EnumerateArray().Single(l => l.GetProperty("lessonId").GetGuid() == lesson);
}
