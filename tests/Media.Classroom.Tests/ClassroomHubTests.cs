using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Classroom.Live;
using Media.Platform.Identity;
using Media.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Media.Classroom.Tests;

/// <summary>The classroom hub on the real host over real sockets, with real SignalR clients.</summary>
public sealed class ClassroomHubTests : IAsyncLifetime
{
    private readonly MediaServerFactory _server = new();
    private readonly TempFolder _folder = new();
    private readonly List<HubConnection> _connections = [];
    private string _baseUrl = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _baseUrl = _server.StartOnLoopback();
        return ValueTask.CompletedTask;
    }

    private async Task<string> TokenAsync(string userName)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = MediaServerFactory.DemoPassword }, Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_baseUrl + "/hubs/classroom", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithStatefulReconnect()
            .Build();
        await connection.StartAsync(Ct);
        _connections.Add(connection);
        return connection;
    }

    private async Task<Guid> PublishedLessonAsync(string teacherName)
    {
        var source = _folder.Combine($"{Guid.NewGuid():N}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "320x240");
        return await LessonApi.PublishAsync(await _server.CreateClientForAsync(teacherName), source, "《背影》课例");
    }

    [Fact]
    public async Task TeachingResearch_OnAnotherSchoolsSchoolOnlyLesson_IsRefusedAndItsCommentsStayHidden()
    {
        var lesson = await PublishedLessonAsync("teacher2");
        var owner = await _server.CreateClientForAsync("teacher2");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct)).StatusCode);
        var outsider = await _server.CreateClientForAsync("teacher");

        var created = await outsider.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "网络教研：别校的课", kind = "teaching-research", lessonId = lesson,
            startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1),
        }, Ct);
        var outsiderComments = await outsider.GetAsync($"/api/lessons/{lesson}/research-comments", Ct);
        var ownerComments = await owner.GetAsync($"/api/lessons/{lesson}/research-comments", Ct);

        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsiderComments.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerComments.StatusCode);
    }

    private async Task<Guid> ScheduleAsync(object session)
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var response = await teacher.PostAsJsonAsync("/api/classroom/sessions", session, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private Task<Guid> SynchronousClassAsync() => ScheduleAsync(new
    {
        title = "同步课堂：背影",
        kind = "synchronous-class",
        startsAt = DateTimeOffset.UtcNow,
        endsAt = DateTimeOffset.UtcNow.AddHours(1),
        classrooms = new object[] { new { name = "历下实验中学 八年级(1)班" }, new { name = "育英中学 八年级(3)班", coTeacher = "teacher2" } },
        invitees = new object[] { new { userName = "student", role = "student" }, new { userName = "reviewer", role = "observer" } },
    });

    [Fact]
    public async Task SynchronousClass_ScheduledByPickingTwoClasses_LetsTheirStudentsInAndNobodyElse()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var teacher2Me = await (await _server.CreateClientForAsync("teacher2")).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        var qingdaoSchool = teacher2Me.GetProperty("organisationId").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/admin/organisations", new { name = "三年级(2)班", kind = "class", parentId = qingdaoSchool }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var qingdaoClass = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var pupil = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "qd-pupil", displayName = "刘小雨", roles = new[] { "student" }, organisationId = qingdaoClass, password = "Qingdao-2026",
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, pupil.StatusCode);

        var jinan = Assert.Single(await teacher.GetFromJsonAsync<JsonElement[]>("/api/classroom/classes?q=" + Uri.EscapeDataString("历下 八年级(1)班"), Ct) ?? []);
        var qingdao = Assert.Single(await teacher.GetFromJsonAsync<JsonElement[]>("/api/classroom/classes?q=" + Uri.EscapeDataString("实验小学 三年级(2)班"), Ct) ?? []);
        Assert.Equal(qingdaoClass, qingdao.GetProperty("id").GetGuid());
        Assert.Equal(1, qingdao.GetProperty("students").GetInt32());
        Assert.True(jinan.GetProperty("students").GetInt32() >= 1);
        var coTeachers = await teacher.GetFromJsonAsync<JsonElement[]>($"/api/classroom/teachers?school={qingdao.GetProperty("schoolId").GetGuid()}", Ct) ?? [];
        var teacher2 = coTeachers.Single(t => t.GetProperty("id").GetGuid() == teacher2Me.GetProperty("id").GetGuid()).GetProperty("id").GetGuid();

        var session = await ScheduleAsync(new
        {
            title = "同步课堂：背影（两校）", kind = "synchronous-class", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1),
            classrooms = new object[] { new { classId = jinan.GetProperty("id").GetGuid() }, new { classId = qingdaoClass, coTeacherId = teacher2 } },
        });
        var detail = await teacher.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}", Ct);
        Assert.Equal(["济南市历下实验中学 八年级(1)班", "青岛市实验小学 三年级(2)班"], detail.GetProperty("classrooms").EnumerateArray().Select(c => c.GetProperty("name").GetString()));

        var student = await _server.CreateClientForAsync("student");
        using var pupilClient = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var token = await pupilClient.PostAsJsonAsync("/api/auth/token", new { userName = "qd-pupil", password = "Qingdao-2026" }, Ct);
        pupilClient.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        Assert.Equal("Student", (await student.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}", Ct)).GetProperty("yourRole").GetString());
        Assert.Equal("Student", (await pupilClient.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}", Ct)).GetProperty("yourRole").GetString());
        Assert.Contains((await pupilClient.GetFromJsonAsync<JsonElement[]>("/api/classroom/sessions", Ct))!, s => s.GetProperty("id").GetGuid() == session);
        Assert.Equal("CoTeacher", (await (await _server.CreateClientForAsync("teacher2")).GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}", Ct)).GetProperty("yourRole").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _server.CreateClientForAsync("reviewer")).GetAsync($"/api/classroom/sessions/{session}", Ct)).StatusCode);

        var joined = await (await ConnectAsync(await TokenAsync("student"))).InvokeAsync<JsonElement>("Join", session, null, Ct);
        Assert.Equal("Student", joined.GetProperty("you").GetProperty("role").GetString());
        var stranger = await ConnectAsync(await TokenAsync("reviewer"));
        await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<JsonElement>("Join", session, null, Ct));

        var unknown = await teacher.PostAsJsonAsync("/api/classroom/sessions", new
        {
            title = "同步课堂", kind = "synchronous-class", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1),
            classrooms = new object[] { new { classId = qingdaoSchool }, new { classId = qingdaoClass } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private static async Task<T> NextAsync<T>(TaskCompletionSource<T> received) => await received.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

    private static Task NextAsync(TaskCompletionSource received) => received.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);

    [Fact]
    public async Task Roles_StudentCannotChangePagesOrMute_HostCanAndEveryoneSeesIt()
    {
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        var page = new TaskCompletionSource<int>();
        student.On<int>("pageChanged", p => page.TrySetResult(p));

        var hostView = await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var studentView = await student.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var refused = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("ShowPage", 5, Ct));
        var muteRefused = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("Mute", Guid.NewGuid(), true, Ct));
        await host.InvokeAsync("ShowPage", 3, Ct);

        Assert.Equal("Host", hostView.GetProperty("you").GetProperty("role").GetString());
        Assert.Equal("Student", studentView.GetProperty("you").GetProperty("role").GetString());
        Assert.Contains("Only the host teacher can change the page", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Only the host teacher", muteRefused.Message, StringComparison.Ordinal);
        Assert.Equal(3, await NextAsync(page));
    }

    [Fact]
    public async Task Moderation_MutedStudentsMessagesAreRefusedAndRemovedCannotReturn()
    {
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        var observer = await ConnectAsync(await TokenAsync("reviewer"));
        var chats = new ConcurrentQueue<string>();
        var removed = new TaskCompletionSource();
        host.On<JsonElement>("chat", m => chats.Enqueue(m.GetProperty("text").GetString()!));
        observer.On("removed", () => removed.TrySetResult());
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var me = (await student.InvokeAsync<JsonElement>("Join", session, null, Ct)).GetProperty("you").GetProperty("userId").GetGuid();
        var observerId = (await observer.InvokeAsync<JsonElement>("Join", session, null, Ct)).GetProperty("you").GetProperty("userId").GetGuid();

        await student.InvokeAsync("SendChat", "老师，我有问题", Ct);
        await host.InvokeAsync("Mute", me, true, Ct);
        var muted = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("SendChat", "再说一次", Ct));
        await host.InvokeAsync("Remove", observerId, Ct);
        await NextAsync(removed);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => observer.InvokeAsync<JsonElement>("Join", session, null, Ct));
        await host.InvokeAsync("SendChat", "请大家安静", Ct);
        await Task.Delay(300, Ct);

        Assert.Contains("muted", muted.Message, StringComparison.Ordinal);
        Assert.Contains("removed you", rejoin.Message, StringComparison.Ordinal);
        Assert.Equal(["老师，我有问题", "请大家安静"], chats);
    }

    [Fact]
    public async Task Chat_AFlood_IsCutAfterFiveMessagesAndFlowsAgainAfterTheWindow()
    {
        using var frozen = _server.Clock.Freeze();
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        var chats = new ConcurrentQueue<string>();
        host.On<JsonElement>("chat", m => chats.Enqueue(m.GetProperty("text").GetString()!));
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await student.InvokeAsync<JsonElement>("Join", session, null, Ct);

        for (var i = 1; i <= 5; i++)
        {
            await student.InvokeAsync("SendChat", $"第{i}条", Ct);
        }

        var flood = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("SendChat", "第6条", Ct));
        _server.Clock.Advance(TimeSpan.FromSeconds(11));
        await student.InvokeAsync("SendChat", "过了一会儿", Ct);
        await host.InvokeAsync("SendChat", "老师也能说话", Ct);
        await Task.Delay(300, Ct);

        Assert.Contains("Slow down", flood.Message, StringComparison.Ordinal);
        Assert.Equal(["第1条", "第2条", "第3条", "第4条", "第5条", "过了一会儿", "老师也能说话"], chats);
    }

    [Fact]
    public async Task HubCalls_AFloodFromOneConnection_IsCutAtTheLimitAndOthersAreServed()
    {
        using var frozen = _server.Clock.Freeze();
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await student.InvokeAsync<JsonElement>("Join", session, null, Ct);

        // Join was the first call; the rest of the window goes to raising and lowering a hand.
        for (var i = 1; i < HubCallLimiter.CallsPerWindow; i++)
        {
            await student.InvokeAsync("RaiseHand", i % 2 == 1, Ct);
        }

        var flood = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync("RaiseHand", true, Ct));
        await host.InvokeAsync("ShowPage", 3, Ct);
        _server.Clock.Advance(HubCallLimiter.Window);
        await student.InvokeAsync("RaiseHand", false, Ct);

        Assert.Contains("Too many requests", flood.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, student.State);
    }

    [Fact]
    public async Task Signal_LargerThanSignalRsDefault_IsRelayedAndOverTheLimitIsRefusedWithoutDroppingTheConnection()
    {
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        var received = new TaskCompletionSource<string>();
        student.On<Guid, string>("signal", (_, payload) => received.TrySetResult(payload));
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var studentId = (await student.InvokeAsync<JsonElement>("Join", session, null, Ct)).GetProperty("you").GetProperty("userId").GetGuid();

        var offer = new string('a', 48 * 1024);
        await host.InvokeAsync("Signal", studentId, offer, Ct);
        var relayed = await NextAsync(received);
        var tooLarge = await Assert.ThrowsAsync<HubException>(() => host.InvokeAsync("Signal", studentId, new string('a', 65 * 1024), Ct));

        Assert.Equal(offer.Length, relayed.Length);
        Assert.Contains("64 KiB", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, host.State);
    }

    [Fact]
    public async Task Reconnect_NewConnection_RestoresPageHandsPollAndMainView()
    {
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var studentToken = await TokenAsync("student");
        var student = await ConnectAsync(studentToken);
        var hostView = await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await student.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var details = await (await _server.CreateClientForAsync("teacher")).GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}", Ct);
        var classroom = details.GetProperty("classrooms")[1].GetProperty("id").GetGuid();

        await host.InvokeAsync("ShowPage", 7, Ct);
        await host.InvokeAsync("CallOn", classroom, Ct);
        await student.InvokeAsync("RaiseHand", true, Ct);
        await host.InvokeAsync("StartPoll", "背影中父亲买的是什么？", new[] { "橘子", "苹果" }, Ct);
        await student.StopAsync(Ct);
        var again = await ConnectAsync(studentToken);
        var restored = await again.InvokeAsync<JsonElement>("Join", session, null, Ct);

        Assert.Equal(7, restored.GetProperty("page").GetInt32());
        Assert.Equal(classroom, restored.GetProperty("calledOn").GetGuid());
        Assert.Equal("背影中父亲买的是什么？", restored.GetProperty("poll").GetProperty("question").GetString());
        Assert.Empty(restored.GetProperty("hands").EnumerateArray());
        Assert.Equal(2, restored.GetProperty("participants").GetArrayLength());
        Assert.Equal(hostView.GetProperty("you").GetProperty("userId").GetGuid(), restored.GetProperty("participants")[0].GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task DuplicateJoin_SecondTab_TakesOverAndTheFirstIsTold()
    {
        var session = await SynchronousClassAsync();
        var token = await TokenAsync("student");
        var first = await ConnectAsync(token);
        var second = await ConnectAsync(token);
        var replaced = new TaskCompletionSource();
        first.On("replaced", () => replaced.TrySetResult());

        await first.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var view = await second.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await NextAsync(replaced);
        var stale = await Assert.ThrowsAsync<HubException>(() => first.InvokeAsync("RaiseHand", true, Ct));

        Assert.Equal(1, view.GetProperty("participants").GetArrayLength());
        Assert.Contains("Join the session first", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_UninvitedUser_IsRefused()
    {
        var session = await SynchronousClassAsync();
        var outsider = await ConnectAsync(await TokenAsync("reviewer2"));

        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.InvokeAsync<JsonElement>("Join", session, null, Ct));

        Assert.Contains("not invited", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broadcast_TwoHundredStudents_AllReceiveThePageChange()
    {
        var session = await ScheduleAsync(new { title = "名师课堂", kind = "broadcast", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1) });
        var host = await ConnectAsync(await TokenAsync("teacher"));
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var issuer = _server.Services.GetRequiredService<TokenIssuer>();
        var received = new ConcurrentBag<int>();
        var all = new TaskCompletionSource();
        const int students = 200;
        // Real accounts (a token of a user who does not exist signs nobody in), stored directly: hashing 200 passwords is not the point.
        var accounts = Enumerable.Range(0, students).Select(i => new User
        {
            Id = Guid.NewGuid(), UserName = $"s{i}", DisplayName = $"学生{i}", PasswordHash = "", SecurityStamp = "", Roles = [new UserRole { Role = Roles.Student }],
        }).ToArray();
        using (var scope = _server.Services.CreateScope())
        {
            var identity = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            identity.Users.AddRange(accounts);
            await identity.SaveChangesAsync(Ct);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, students), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct }, async (i, ct) =>
        {
            var token = issuer.Issue(accounts[i]).Value;
            HubConnection connection;
            lock (_connections)
            {
                connection = new HubConnectionBuilder().WithUrl(_baseUrl + "/hubs/classroom", o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
                _connections.Add(connection);
            }

            connection.On<int>("pageChanged", page =>
            {
                received.Add(page);
                if (received.Count == students)
                {
                    all.TrySetResult();
                }
            });
            await connection.StartAsync(ct);
            await connection.InvokeAsync<JsonElement>("Join", session, null, ct);
        });

        await host.InvokeAsync("ShowPage", 12, Ct);
        await all.Task.WaitAsync(TimeSpan.FromSeconds(90), Ct);

        Assert.Equal(students, received.Count);
        Assert.All(received, p => Assert.Equal(12, p));
    }

    [Fact]
    public async Task CoWatching_HostPlaysAndSeeks_OthersFollowAndCommentsBecomeTimelineMarkers()
    {
        var lesson = await PublishedLessonAsync("teacher");
        var session = await ScheduleAsync(new
        {
            title = "网络教研：《背影》课例研讨",
            kind = "teaching-research",
            lessonId = lesson,
            startsAt = DateTimeOffset.UtcNow,
            endsAt = DateTimeOffset.UtcNow.AddHours(2),
            invitees = new object[] { new { userName = "teacher2", role = "researcher" }, new { userName = "student", role = "student" } },
        });
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var peer = await ConnectAsync(await TokenAsync("teacher2"));
        var followed = new TaskCompletionSource<JsonElement>();
        peer.On<JsonElement>("playbackChanged", s => followed.TrySetResult(s));
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await peer.InvokeAsync<JsonElement>("Join", session, null, Ct);

        await host.InvokeAsync("SetPlayback", true, 95.0, 1.0, Ct);
        var state = await NextAsync(followed);
        await Task.Delay(500, Ct);
        var late = await ConnectAsync(await TokenAsync("student"));
        var lateView = await late.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var comment = await peer.InvokeAsync<JsonElement>("Comment", 120.0, "这里的朗读指导很好", "教学实施", Ct);
        var studentComment = await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<JsonElement>("Comment", 10.0, "x", null, Ct));
        var markers = await (await _server.CreateClientForAsync("student")).GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/research-comments", Ct);

        Assert.True(state.GetProperty("playing").GetBoolean());
        Assert.Equal(95.0, state.GetProperty("position").GetDouble());
        Assert.InRange(lateView.GetProperty("playback").GetProperty("position").GetDouble(), 95.4, 97.5);
        Assert.Equal("教学实施", comment.GetProperty("criterion").GetString());
        Assert.Contains("Students do not comment", studentComment.Message, StringComparison.Ordinal);
        Assert.Equal(120.0, markers[0].GetProperty("atSeconds").GetDouble());
        Assert.Equal("这里的朗读指导很好", markers[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task EndAndAttendance_HostEnds_EveryoneIsToldAndStaysAreRecorded()
    {
        var session = await SynchronousClassAsync();
        var host = await ConnectAsync(await TokenAsync("teacher"));
        var student = await ConnectAsync(await TokenAsync("student"));
        var ended = new TaskCompletionSource();
        student.On("sessionEnded", () => ended.TrySetResult());
        await host.InvokeAsync<JsonElement>("Join", session, null, Ct);
        await student.InvokeAsync<JsonElement>("Join", session, null, Ct);
        var teacher = await _server.CreateClientForAsync("teacher");
        var studentApi = await _server.CreateClientForAsync("student");

        var notHost = await studentApi.PostAsync($"/api/classroom/sessions/{session}/end", null, Ct);
        var end = await teacher.PostAsync($"/api/classroom/sessions/{session}/end", null, Ct);
        await NextAsync(ended);
        var attendance = await teacher.GetFromJsonAsync<JsonElement>($"/api/classroom/sessions/{session}/attendance", Ct);
        var afterEnd = await Assert.ThrowsAsync<HubException>(() => student.InvokeAsync<JsonElement>("Join", session, null, Ct));

        Assert.Equal(HttpStatusCode.NotFound, notHost.StatusCode);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Equal(2, attendance.GetArrayLength());
        Assert.All(attendance.EnumerateArray(), a => Assert.NotEqual(JsonValueKind.Null, a.GetProperty("leftAt").ValueKind));
        Assert.Contains("ended", afterEnd.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_BadRequests_Get400AndStudentsCannotSchedule()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var start = DateTimeOffset.UtcNow;

        var badKind = await teacher.PostAsJsonAsync("/api/classroom/sessions", new { title = "x", kind = "party", startsAt = start, endsAt = start.AddHours(1) }, Ct);
        var oneRoom = await teacher.PostAsJsonAsync("/api/classroom/sessions", new { title = "x", kind = "synchronous-class", startsAt = start, endsAt = start.AddHours(1), classrooms = new[] { new { name = "一个班" } } }, Ct);
        var backwards = await teacher.PostAsJsonAsync("/api/classroom/sessions", new { title = "x", kind = "broadcast", startsAt = start, endsAt = start.AddHours(-1) }, Ct);
        var unknownUser = await teacher.PostAsJsonAsync("/api/classroom/sessions", new { title = "x", kind = "broadcast", startsAt = start, endsAt = start.AddHours(1), invitees = new[] { new { userName = "nobody", role = "student" } } }, Ct);
        var byStudent = await student.PostAsJsonAsync("/api/classroom/sessions", new { title = "x", kind = "broadcast", startsAt = start, endsAt = start.AddHours(1) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, oneRoom.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStudent.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
