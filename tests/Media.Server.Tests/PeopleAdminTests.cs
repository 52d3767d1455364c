using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Server.Tests;

/// <summary>People and organisations managed over the API: what administrators and region administrators may do, and what follows.</summary>
public sealed class PeopleAdminTests : IAsyncDisposable
{
    private readonly MediaServerFactory _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewTeacher_CreatedWithAGeneratedPassword_SignsInAndWeakOrDuplicateAccountsAreRefused()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var school = await OrganisationAsync(admin, "山东省", "济南市", "历下区", "济南市历下实验中学");

        var created = await admin.PostAsJsonAsync("/api/admin/users", new
        {
            userName = "sun.laoshi", displayName = "孙老师", roles = new[] { "teacher" }, organisationId = school, title = "骨干教师", externalId = "T3701020001",
        }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var password = body.GetProperty("initialPassword").GetString()!;
        var signIn = await _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "sun.laoshi", password }, Ct);
        var weak = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "zhou", displayName = "周老师", roles = new[] { "teacher" }, organisationId = school, password = "12345678" }, Ct);
        var duplicate = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "sun.laoshi", displayName = "孙老师", roles = new[] { "teacher" }, organisationId = school }, Ct);
        var sameRosterId = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "sun2", displayName = "孙老师", roles = new[] { "teacher" }, organisationId = school, externalId = "T3701020001" }, Ct);
        var found = await admin.GetFromJsonAsync<JsonElement>("/api/admin/users?q=T3701020001", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("骨干教师", body.GetProperty("user").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameRosterId.StatusCode);
        Assert.Equal("sun.laoshi", Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task RegionAdmin_ManagesOnlyTheirRegion_AndNeverGrantsAdministrator()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var jinanAdmin = await _server.CreateClientForAsync("jinan-admin");
        var jinanSchool = await OrganisationAsync(admin, "山东省", "济南市", "市中区", "济南市育英中学");
        var qingdaoSchool = await OrganisationAsync(admin, "山东省", "青岛市", "市南区", "青岛市实验小学");
        var teacher2 = await UserIdAsync(admin, "teacher2");

        var listed = await jinanAdmin.GetFromJsonAsync<JsonElement>("/api/admin/users?pageSize=200", Ct);
        var inJinan = await jinanAdmin.PostAsJsonAsync("/api/admin/users", new { userName = "yuying.t1", displayName = "钱老师", roles = new[] { "teacher" }, organisationId = jinanSchool }, Ct);
        var inQingdao = await jinanAdmin.PostAsJsonAsync("/api/admin/users", new { userName = "qd.t1", displayName = "吴老师", roles = new[] { "teacher" }, organisationId = qingdaoSchool }, Ct);
        var asAdmin = await jinanAdmin.PostAsJsonAsync("/api/admin/users", new { userName = "yuying.a1", displayName = "郑", roles = new[] { "admin" }, organisationId = jinanSchool }, Ct);
        var otherRegionsUser = await jinanAdmin.GetAsync($"/api/admin/users/{teacher2}", Ct);
        var newClass = await jinanAdmin.PostAsJsonAsync("/api/admin/organisations", new { name = "七年级(3)班", kind = "class", parentId = jinanSchool, code = "370103-0703" }, Ct);
        var classUnderClass = await jinanAdmin.PostAsJsonAsync("/api/admin/organisations",
            new { name = "小组", kind = "class", parentId = (await newClass.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid() }, Ct);
        var audit = await jinanAdmin.GetAsync("/api/admin/audit", Ct);
        var student = await (await _server.CreateClientForAsync("student")).GetAsync("/api/admin/users", Ct);

        var names = listed.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()).ToList();
        Assert.Contains("teacher", names);
        Assert.DoesNotContain("teacher2", names);
        Assert.DoesNotContain("admin", names);
        Assert.Equal(HttpStatusCode.Created, inJinan.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inQingdao.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherRegionsUser.StatusCode);
        Assert.Equal(HttpStatusCode.Created, newClass.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, classUnderClass.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, student.StatusCode);
    }

    [Fact]
    public async Task DeactivatedTeacher_TheirPublishedLessonStillPlaysForStudents()
    {
        using var folder = new TempFolder("deactivated-teacher");
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var video = folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(video, seconds: 2, size: "160x90");
        var lesson = await LessonApi.PublishAsync(teacher, video, "离校教师的课例");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{await UserIdAsync(admin, "teacher")}/deactivate", null, Ct)).StatusCode);
        var student = await _server.CreateClientForAsync("student");
        var page = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}", Ct);
        var playback = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/playback", Ct);
        var playlist = await student.GetAsync(playback.GetProperty("url").GetString(), Ct);

        Assert.Equal("published", page.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.StartsWith("#EXTM3U", await playlist.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await teacher.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Deactivation_AndPasswordReset_EndTheSessionsTheyMadeStale()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var id = await UserIdAsync(admin, "teacher");
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/api/auth/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/deactivate", null, Ct)).StatusCode);
        var afterDeactivation = await teacher.GetAsync("/api/auth/me", Ct);
        var signInWhileDeactivated = await SignInAsync("teacher", MediaServerFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/reactivate", null, Ct)).StatusCode);
        var signInAgain = await SignInAsync("teacher", MediaServerFactory.DemoPassword);
        var reset = await (await admin.PostAsJsonAsync($"/api/admin/users/{id}/password", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var oldPassword = await SignInAsync("teacher", MediaServerFactory.DemoPassword);
        var newPassword = await SignInAsync("teacher", reset.GetProperty("password").GetString()!);
        using var stale = _server.CreateClient();
        stale.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await signInAgain.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        var selfDeactivation = await admin.PostAsync($"/api/admin/users/{await UserIdAsync(admin, "admin")}/deactivate", null, Ct);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?target=user:{id}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, afterDeactivation.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, signInWhileDeactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signInAgain.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stale.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, selfDeactivation.StatusCode);
        Assert.Equal(["user.password-reset", "user.reactivated", "user.deactivated"],
            audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.All(audit.GetProperty("items").EnumerateArray(), e => Assert.Equal("admin", e.GetProperty("actorName").GetString()));
    }

    [Fact]
    public async Task SchoolMovedToAnotherCity_ItsPeopleLeaveTheOldRegionAdminsScopeForTheNewOnes()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var jinanAdmin = await _server.CreateClientForAsync("jinan-admin");
        var qingdaoAdmin = await _server.CreateClientForAsync("qingdao-admin");
        var school = await OrganisationAsync(admin, "山东省", "济南市", "历下区", "济南市历下实验中学");
        var shinan = await OrganisationAsync(admin, "山东省", "青岛市", "市南区");
        var teacher = await UserIdAsync(admin, "teacher");
        Assert.Equal(HttpStatusCode.OK, (await jinanAdmin.GetAsync($"/api/admin/users/{teacher}", Ct)).StatusCode);

        var moved = await admin.PutAsJsonAsync($"/api/admin/organisations/{school}", new { name = "青岛市历下实验中学", parentId = shinan }, Ct);
        var intoItself = await admin.PutAsJsonAsync($"/api/admin/organisations/{shinan}", new { name = "市南区", parentId = school }, Ct);
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/organisations/{school}", Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, intoItself.StatusCode);
        Assert.Equal(["山东省", "青岛市", "市南区"], detail.GetProperty("ancestors").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await jinanAdmin.GetAsync($"/api/admin/users/{teacher}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qingdaoAdmin.GetAsync($"/api/admin/users/{teacher}", Ct)).StatusCode);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/audit?action=organisation.", Ct);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "organisation.moved");
    }

    private Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        _server.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password }, Ct);

    private static async Task<Guid> OrganisationAsync(HttpClient admin, params string[] path) => (await OrganisationApi.FindAsync(admin, path)).Id;

    private static async Task<Guid> UserIdAsync(HttpClient admin, string userName)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/users?q={userName}&pageSize=200", Ct);
        return page.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
