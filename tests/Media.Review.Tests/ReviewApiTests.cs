using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Review.Tests;

/// <summary>A campaign on the real host: real uploads, the demo schools, reviewers and roles.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("review");

    // Role "api": uploads are accepted (and their facts recorded) without being transcoded; nothing here needs video.
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<Guid> AcceptedLessonAsync(HttpClient teacher, string title, string size)
    {
        var source = _folder.Combine($"{Guid.NewGuid():N}.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: size);
        return await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, source, title));
    }

    private async Task<Guid> CampaignAsync(HttpClient admin, object? standard)
    {
        var response = await admin.PostAsJsonAsync("/api/review/campaigns", new { name = "2026年一师一优课", year = 2026, levels = new[] { "school", "county" }, reviewersPerEntry = 2, standard }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Campaign_SubmitAssignScoreBlindAndRank()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var teacher2 = await _server.CreateClientForAsync("teacher2");
        var reviewer = await _server.CreateClientForAsync("reviewer");
        var reviewer2 = await _server.CreateClientForAsync("reviewer2");
        var student = await _server.CreateClientForAsync("student");
        var mine = await AcceptedLessonAsync(teacher, "张老师 济南市历下实验中学《背影》", "320x240");
        var theirs = await AcceptedLessonAsync(teacher2, "李老师 青岛市实验小学《三峡》", "352x288");

        // The published standard refuses a 3-second clip, explaining each shortfall.
        var strict = await CampaignAsync(admin, null);
        var refused = await teacher.PostAsJsonAsync($"/api/review/campaigns/{strict}/submissions", new { lessonId = mine }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var detail = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains("时长", detail, StringComparison.Ordinal);
        Assert.Contains("分辨率 320×240", detail, StringComparison.Ordinal);

        var campaign = await CampaignAsync(admin, new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" });
        Assert.Equal(HttpStatusCode.Created, (await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = mine }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await teacher2.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = theirs }, Ct)).StatusCode);
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
        Assert.Equal([mine], entries2.Select(e => e.GetProperty("lessonId").GetGuid()));
        Assert.Contains("《背影》", entries2[0].GetProperty("title").GetString(), StringComparison.Ordinal);

        var mineForReviewer = entries.Single(e => e.GetProperty("lessonId").GetGuid() == mine).GetProperty("assignmentId").GetGuid();
        var theirsForReviewer = entries.Single(e => e.GetProperty("lessonId").GetGuid() == theirs).GetProperty("assignmentId").GetGuid();
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
        Assert.Equal(["submitted", "assigned", "assigned", "scored", "scored"], audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    private static async Task ScoreEverythingAsync(params HttpClient[] reviewers)
    {
        foreach (var reviewer in reviewers)
        {
            foreach (var entry in (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct)).EnumerateArray().Where(e => !e.GetProperty("final").GetBoolean()))
            {
                var scores = entry.GetProperty("rubric").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("weight").GetDouble() * 0.8);
                var response = await reviewer.PutAsJsonAsync($"/api/review/assignments/{entry.GetProperty("assignmentId").GetGuid()}", new { scores, final = true }, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task FullCampaign_FromSubmissionToCityAward_AwardsShowInTheCatalogAndResultsStayPublished()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var teacher2 = await _server.CreateClientForAsync("teacher2");
        var reviewers = new[] { await _server.CreateClientForAsync("reviewer"), await _server.CreateClientForAsync("reviewer2") };
        var mine = await AcceptedLessonAsync(teacher, "《背影》", "320x240");
        var theirs = await AcceptedLessonAsync(teacher2, "《三峡》", "352x288");
        var created = await admin.PostAsJsonAsync("/api/review/campaigns", new
        {
            name = "2026年一师一优课",
            year = 2026,
            levels = new[] { "school", "county", "city" },
            reviewersPerEntry = 1,
            standard = new { minMinutes = 0.01, maxMinutes = 45, minWidth = 160, minHeight = 120, minKbps = 1, videoCodec = "h264", audioCodec = "aac" },
            promotion = new { share = 0.3 },
        }, Ct);
        var campaign = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await teacher.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = mine }, Ct);
        await teacher2.PostAsJsonAsync($"/api/review/campaigns/{campaign}/submissions", new { lessonId = theirs }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/school/publish", null, Ct)).StatusCode);
        foreach (var level in new[] { "school", "county", "city" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level={level}", null, Ct)).StatusCode);
            var early = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/{level}/publish", null, Ct);
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            await ScoreEverythingAsync(reviewers);
            var published = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/{level}/publish", null, Ct);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            // Each entry is alone in its school, county and city (济南 and 青岛): each region sends its one entry up.
            Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("awarded").GetArrayLength());
        }

        var lesson = await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{mine}", Ct);
        var certificates = await teacher.GetFromJsonAsync<JsonElement>("/api/review/certificates/mine", Ct);
        var again = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/city/publish", null, Ct);
        var reassign = await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=city", null, Ct);
        var state = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/submissions/mine", Ct);

        Assert.Equal("市级优课", lesson.GetProperty("awardLevel").GetString());
        Assert.Equal(["校级优课", "县级优课", "市级优课"], certificates.EnumerateArray().Select(c => c.GetProperty("award").GetString()));
        Assert.Equal(12, certificates.EnumerateArray().Sum(c => c.GetProperty("hours").GetDouble()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reassign.StatusCode);
        Assert.Equal("awarded", state[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Authorization_EveryEndpointRefusesTheWrongRole()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var campaign = await CampaignAsync(admin, null);
        var anonymous = _server.CreateClient();
        var calls = new (string Method, string Path, string[] Refused)[]
        {
            ("POST", "/api/review/campaigns", ["teacher", "reviewer", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/assignments?level=school", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/campaigns/{campaign}/results?level=school", ["teacher", "reviewer", "student"]),
            ("GET", $"/api/review/submissions/{Guid.NewGuid()}/audit", ["teacher", "reviewer", "student"]),
            ("GET", "/api/review/assignments", ["teacher", "student"]),
            ("PUT", $"/api/review/assignments/{Guid.NewGuid()}", ["teacher", "student"]),
            ("POST", $"/api/review/campaigns/{campaign}/submissions", ["reviewer", "student"]),
        };
        foreach (var (method, path, refused) in calls)
        {
            using (var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request, Ct)).StatusCode);
            }

            foreach (var role in refused)
            {
                var client = await _server.CreateClientForAsync(role);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
                Assert.True((await client.SendAsync(request, Ct)).StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {path}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
