using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>A campaign on the real host: real uploads, the demo schools, reviewers and roles.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private readonly ReviewWorld _world = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Campaign_SubmitAssignScoreBlindAndRank()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var teacher2 = await _world.ClientAsync("teacher2");
        var reviewer = await _world.ClientAsync("reviewer");
        var reviewer2 = await _world.ClientAsync("reviewer2");
        var student = await _world.ClientAsync("student");
        var mine = await _world.LessonAsync(teacher, "张老师 济南市历下实验中学《背影》", "320x240");
        var theirs = await _world.LessonAsync(teacher2, "李老师 青岛市实验小学《三峡》", "352x288");

        // The published standard refuses a 3-second clip, explaining each shortfall.
        var strict = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school", "county" }, reviewersPerEntry = 2 });
        var refused = await teacher.PostAsJsonAsync($"/api/review/campaigns/{strict}/submissions", new { lessonId = mine }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains("时长", detail, StringComparison.Ordinal);
        Assert.Contains("分辨率 320×240", detail, StringComparison.Ordinal);

        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school", "county" }, reviewersPerEntry = 2, standard = Lenient });
        var mineEntry = await SubmitAsync(teacher, campaign, mine);
        var theirsEntry = await SubmitAsync(teacher2, campaign, theirs);
        Assert.Equal(HttpStatusCode.Conflict, (await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = mine }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = theirs }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await student.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = mine }, Ct)).StatusCode);

        var assigned = await (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, assigned.GetProperty("entries").GetInt32());
        // reviewer2 works at teacher2's school: teacher2's entry gets one reviewer, not two.
        Assert.Equal(3, assigned.GetProperty("assignments").GetInt32());
        Assert.Equal(1, assigned.GetProperty("entriesShortOfReviewers").GetInt32());

        var queue = await reviewer.GetStringAsync("/api/review/assignments", Ct);
        var queue2 = await reviewer2.GetStringAsync("/api/review/assignments", Ct);
        foreach (var identifying in new[] { "张老师", "李老师", "历下", "青岛", "济南", "实验" })
        {
            Assert.DoesNotContain(identifying, queue, StringComparison.Ordinal);
            Assert.DoesNotContain(identifying, queue2, StringComparison.Ordinal);
        }

        var entries = JsonDocument.Parse(queue).RootElement.EnumerateArray().ToList();
        var entries2 = JsonDocument.Parse(queue2).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal([mineEntry], entries2.Select(e => e.GetProperty("submissionId").GetGuid()));
        Assert.All(entries, e => Assert.False(e.TryGetProperty("lessonId", out _)));
        Assert.Contains("《背影》", entries2[0].GetProperty("title").GetString(), StringComparison.Ordinal);

        var mineForReviewer = entries.Single(e => e.GetProperty("submissionId").GetGuid() == mineEntry).GetProperty("assignmentId").GetGuid();
        var theirsForReviewer = entries.Single(e => e.GetProperty("submissionId").GetGuid() == theirsEntry).GetProperty("assignmentId").GetGuid();
        var mineForReviewer2 = entries2[0].GetProperty("assignmentId").GetGuid();
        var full = new Dictionary<string, double> { ["教学设计"] = 18, ["教学实施"] = 36, ["信息技术融合"] = 22, ["教学效果"] = 14 };

        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer}", new { scores = new Dictionary<string, double> { ["教学设计"] = 25 }, final = false }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer}", new { scores = new Dictionary<string, double> { ["教学设计"] = 10 }, final = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer2.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer}", new { scores = full, final = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer}", new { scores = full, comment = "朗读指导扎实", final = true }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer}", new { scores = full, final = true }, Ct)).StatusCode);
        await reviewer2.PutAsJsonAsync($"/api/review/assignments/{mineForReviewer2}", new { scores = new Dictionary<string, double> { ["教学设计"] = 10, ["教学实施"] = 20, ["信息技术融合"] = 15, ["教学效果"] = 5 }, final = true }, Ct);
        await reviewer.PutAsJsonAsync($"/api/review/assignments/{theirsForReviewer}", new { scores = new Dictionary<string, double> { ["教学设计"] = 15, ["教学实施"] = 30, ["信息技术融合"] = 20, ["教学效果"] = 10 }, final = true }, Ct);

        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/results?level=school", Ct);
        var first = results[0];
        var second = results[1];
        Assert.Equal(theirs, first.GetProperty("lessonId").GetGuid());
        Assert.Equal(75, first.GetProperty("score").GetDouble());
        Assert.Equal(mine, second.GetProperty("lessonId").GetGuid());
        Assert.Equal(70, second.GetProperty("score").GetDouble());
        Assert.True(second.GetProperty("disputed").GetBoolean());
        Assert.Equal(2, second.GetProperty("rank").GetInt32());

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/review/submissions/{second.GetProperty("submissionId").GetGuid()}/audit", Ct);
        Assert.Equal(["drafted", "material", "material", "submitted", "assigned", "assigned", "scored", "scored"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task FullCampaign_FromSubmissionToCityAward_AwardsShowInTheCatalogAndResultsStayPublished()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var teacher2 = await _world.ClientAsync("teacher2");
        var reviewers = new[] { await _world.ClientAsync("reviewer"), await _world.ClientAsync("reviewer2") };
        var mine = await _world.LessonAsync(teacher, "《背影》", "320x240");
        var theirs = await _world.LessonAsync(teacher2, "《三峡》", "352x288");
        var campaign = await CampaignAsync(admin, new
        {
            name = "2026年一师一优课",
            year = 2026,
            levels = new[] { "school", "county", "city" },
            reviewersPerEntry = 1,
            standard = Lenient,
            promotion = new { share = 0.3 },
            publicFrom = "city",
        });
        await SubmitAsync(teacher, campaign, mine);
        await SubmitAsync(teacher2, campaign, theirs);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/school/publish", null, Ct)).StatusCode);
        foreach (var level in new[] { "school", "county", "city" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level={level}", null, Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/{level}/publish", null, Ct)).StatusCode);
            await ScoreEverythingAsync(0.8, reviewers);
            var beforeNotice = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/{level}/publish", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, beforeNotice.StatusCode);
            Assert.Contains("public notice", await beforeNotice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            var published = await _world.NoticeAndPublishAsync(admin, campaign, level);
            // Each entry is alone in its school, county and city (济南 and 青岛): each region sends its one entry up.
            Assert.Equal(2, published.GetProperty("awarded").GetArrayLength());
        }

        var lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{mine}", Ct);
        var access = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{mine}/access", Ct);
        var certificates = await teacher.GetFromJsonAsync<JsonElement>("/api/review/certificates/mine", Ct);
        var notice = await teacher2.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/levels/city/notice", Ct);
        var again = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/city/publish", null, Ct);
        var reassign = await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=city", null, Ct);
        var state = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/submissions/mine", Ct);

        Assert.Equal("市级优课", lesson.GetProperty("awardLevel").GetString());
        Assert.Equal("public", access.GetProperty("level").GetString());
        Assert.Equal(["校级优课", "县级优课", "市级优课"], certificates.EnumerateArray().Select(c => c.GetProperty("award").GetString()));
        Assert.Equal(12, certificates.EnumerateArray().Sum(c => c.GetProperty("hours").GetDouble()));
        Assert.True(notice[0].GetProperty("published").GetBoolean());
        Assert.Contains(notice[0].GetProperty("entries").EnumerateArray(), e => e.GetProperty("teacher").GetString() == "张老师" && e.GetProperty("school").GetString() == "济南市历下实验中学");
        // Reviewers at the next level hold submission ids: a notice that named teachers under them would unblind them.
        Assert.All(notice[0].GetProperty("entries").EnumerateArray(), e => Assert.False(e.TryGetProperty("submissionId", out _)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reassign.StatusCode);
        Assert.Equal("awarded", state[0].GetProperty("state").GetString());
        Assert.Equal("市级优课", state[0].GetProperty("award").GetString());

        // The teacher leaves (deactivated): what they made stays — the lesson and its award are listed, the notice names them
        // (that a deactivated teacher's lesson still plays is PeopleAdminTests'; lessons here are never transcoded).
        var teacherId = (await teacher.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{teacherId}/deactivate", null, Ct)).StatusCode);
        var lessonAfter = await admin.GetFromJsonAsync<JsonElement>($"/api/lessons/{mine}", Ct);
        var noticeAfter = await teacher2.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/levels/city/notice", Ct);
        Assert.Equal("市级优课", lessonAfter.GetProperty("awardLevel").GetString());
        Assert.Contains(noticeAfter[0].GetProperty("entries").EnumerateArray(), e => e.GetProperty("teacher").GetString() == "张老师");
        Assert.Equal(HttpStatusCode.Unauthorized, (await teacher.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Authorization_EveryEndpointRefusesTheWrongRole()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var jinanAdmin = await _world.ClientAsync("jinan-admin");
        var qingdaoAdmin = await _world.ClientAsync("qingdao-admin");
        var campaign = await CampaignAsync(admin, new { name = "2026年一师一优课", year = 2026, levels = new[] { "school", "county", "city" }, reviewersPerEntry = 1, standard = Lenient });
        var lesson = await _world.LessonAsync(teacher, "《背影》");
        var submission = await SubmitAsync(teacher, campaign, lesson);
        Assert.Equal(HttpStatusCode.OK, (await jinanAdmin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);
        var assignment = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct))[0].GetProperty("assignmentId").GetGuid();

        var calls = new (string Method, string Path, string[] Refused)[]
        {
            ("POST", "/api/review/campaigns", ["teacher", "reviewer", "student"]),
            ("PUT", $"/api/review/campaigns/{campaign}/reviewers", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/reviewers", ["teacher", "reviewer", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/assignments?level=school", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/results?level=school", ["teacher", "reviewer", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/levels/school/notice", ["teacher", "reviewer", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/levels/school/publish", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/appeals", ["teacher", "reviewer", "student"]),
            ("PUT", $"/api/review/appeals/{Guid.NewGuid()}", ["teacher", "reviewer", "student"]),
            ("PUT", $"/api/review/submissions/{submission}/arbitration", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/submissions/{submission}/audit", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/statistics", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/statistics.csv", ["teacher", "reviewer", "student"]),
            ("PUT", $"/api/review/campaigns/{campaign}/targets", ["teacher", "reviewer", "student"]),
            ("GET", "/api/review/assignments", ["teacher", "student"]),
            ("PUT", $"/api/review/assignments/{assignment}", ["teacher", "student"]),
            ("POST", $"/api/review/assignments/{assignment}/decline", ["teacher", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/submissions", ["reviewer", "student"]),
            ("PUT", $"/api/review/submissions/{submission}/documents/design?name=a.pdf", ["reviewer", "student"]),
            ("POST", $"/api/review/submissions/{submission}/submit", ["reviewer", "student"]),
            ("POST", $"/api/review/submissions/{submission}/appeals", ["reviewer", "student"]),
        };
        var anonymous = _world.Server.CreateClient();
        foreach (var (method, path, refused) in calls)
        {
            using (var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request, Ct)).StatusCode);
            }

            foreach (var role in refused)
            {
                var client = await _world.ClientAsync(role);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
                Assert.True((await client.SendAsync(request, Ct)).StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {path}");
            }
        }

        // Allowed by role, but nothing of someone else's reaches them: the other teacher, a reviewer not assigned,
        // the admin of another region.
        var teacher2 = await _world.ClientAsync("teacher2");
        var reviewer2 = await _world.ClientAsync("reviewer2");
        Assert.Equal(HttpStatusCode.NotFound, (await teacher2.GetAsync($"/api/review/submissions/{submission}/documents/design", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher2.DeleteAsync($"/api/review/submissions/{submission}", Ct)).StatusCode);
        Assert.Empty(await teacher2.GetFromJsonAsync<JsonElement[]>($"/api/review/campaigns/{campaign}/submissions/mine", Ct) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer2.GetAsync($"/api/review/submissions/{submission}/documents/design", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer2.PutAsJsonAsync($"/api/review/assignments/{assignment}", new { scores = new { }, final = false }, Ct)).StatusCode);
        Assert.Empty(await reviewer2.GetFromJsonAsync<JsonElement[]>("/api/review/assignments", Ct) ?? []);
        Assert.Empty(await qingdaoAdmin.GetFromJsonAsync<JsonElement[]>($"/api/review/campaigns/{campaign}/results?level=school", Ct) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdaoAdmin.GetAsync($"/api/review/submissions/{submission}/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qingdaoAdmin.GetAsync($"/api/review/submissions/{submission}/documents/design", Ct)).StatusCode);
        Assert.DoesNotContain("背影", await qingdaoAdmin.GetStringAsync($"/api/review/campaigns/{campaign}/statistics.csv", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await qingdaoAdmin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);
        Assert.Contains("背影", await jinanAdmin.GetStringAsync($"/api/review/campaigns/{campaign}/statistics.csv", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await jinanAdmin.GetAsync($"/api/review/submissions/{submission}/documents/design", Ct)).StatusCode);
        // A city's admin cannot decide the province level.
        var province = await CampaignAsync(admin, new { name = "省级遴选", year = 2026, levels = new[] { "province" }, reviewersPerEntry = 1, standard = Lenient });
        Assert.Equal(HttpStatusCode.Forbidden,
            (await jinanAdmin.PostAsJsonAsync($"/api/review/campaigns/{province}/levels/province/notice", new { endsAt = DateTimeOffset.UtcNow.AddDays(1) }, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
