using System.Net;
using Media.Testing;

namespace Media.Ingest.Tests;

/// <summary>The same bytes uploaded twice: by the same teacher one lesson, by another teacher a lesson of their own.</summary>
public sealed class SameContentTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("same-content");
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SameBytes_SameTeacherGetsTheSameLesson_AnotherTeacherGetsTheirOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        var teacher = await _server.CreateClientForAsync("teacher");
        var teacher2 = await _server.CreateClientForAsync("teacher2");
        var file = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(file, seconds: 2);

        var first = await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, file, "《背影》"));
        var again = await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, file, "《背影》（再传）"));
        var other = await LessonApi.WaitForAcceptedAsync(teacher2, await LessonApi.UploadAsync(teacher2, file, "《背影》（李老师）"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(HttpStatusCode.OK, (await teacher2.GetAsync($"/api/lessons/{other}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher2.GetAsync($"/api/lessons/{first}", ct)).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
