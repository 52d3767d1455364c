using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Classroom.Tests;

/// <summary>Demo mode with a class for today: the demo teacher hosts it, the demo class's pupil and the remote co-teacher find it in their lists.</summary>
public sealed class DemoClassTests : IAsyncLifetime
{
    private readonly MediaServerFactory _server = new MediaServerFactory().With("Media:Classroom:DemoClass", "true");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task FirstStart_SynchronousClassForToday_IsListedForItsHostPupilAndCoTeacher()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var sessions = new List<JsonElement>();
        await Eventually.HoldsAsync(async () =>
        {
            sessions = (await teacher.GetFromJsonAsync<JsonElement>("/api/classroom/sessions", Ct)).EnumerateArray().ToList();
            return sessions.Count > 0;
        }, TimeSpan.FromMinutes(2));

        var demo = Assert.Single(sessions);
        Assert.Equal("Host", demo.GetProperty("yourRole").GetString());
        Assert.Contains("同步课堂", demo.GetProperty("title").GetString(), StringComparison.Ordinal);
        var startsAt = demo.GetProperty("startsAt").GetDateTimeOffset();
        Assert.InRange(startsAt, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var classrooms = demo.GetProperty("classrooms").EnumerateArray().ToList();
        Assert.Equal(2, classrooms.Count);
        Assert.NotEqual(JsonValueKind.Null, classrooms[0].GetProperty("classId").ValueKind);

        var id = demo.GetProperty("id").GetGuid();
        var student = await _server.CreateClientForAsync("student");
        Assert.Equal("Student", (await student.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{id}", Ct)).GetProperty("yourRole").GetString());
        var coTeacher = await _server.CreateClientForAsync("teacher2");
        Assert.Equal("CoTeacher", (await coTeacher.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{id}", Ct)).GetProperty("yourRole").GetString());
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
