using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Catalog.Tests;

/// <summary>A school moves to another city: its region-level lessons go with it, in search and in playback.</summary>
public sealed class OrganisationMoveTests : IAsyncDisposable
{
    private readonly TempFolder _folder = new("catalog-move");
    private readonly MediaServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SchoolMovedToAnotherCity_ItsRegionLessonsShowToTheNewCityAndNoLongerToTheOld()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var jinanReviewer = await _server.CreateClientForAsync("reviewer");
        var qingdaoTeacher = await _server.CreateClientForAsync("teacher2");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "160x120");
        var lesson = await LessonApi.PublishAsync(teacher, source, "区域研讨课：浮力");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "region" }, Ct)).StatusCode);
        var before = (await FindsAsync(jinanReviewer, lesson), await FindsAsync(qingdaoTeacher, lesson));

        var school = (await OrganisationApi.FindAsync(admin, "山东省", "济南市", "历下区", "济南市历下实验中学")).Id;
        var shinan = (await OrganisationApi.FindAsync(admin, "山东省", "青岛市", "市南区")).Id;
        var moved = await admin.PutAsJsonAsync($"/api/admin/organisations/{school}", new { name = "济南市历下实验中学", parentId = shinan }, Ct);

        Assert.Equal((true, false), before);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.False(await FindsAsync(jinanReviewer, lesson));
        Assert.True(await FindsAsync(qingdaoTeacher, lesson));
        Assert.Equal(HttpStatusCode.OK, (await qingdaoTeacher.GetAsync($"/api/lessons/{lesson}/playback", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jinanReviewer.GetAsync($"/api/lessons/{lesson}/playback", Ct)).StatusCode);
    }

    private static async Task<bool> FindsAsync(HttpClient client, Guid lesson)
    {
        var result = await client.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("浮力"), Ct);
        return result.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == lesson);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
