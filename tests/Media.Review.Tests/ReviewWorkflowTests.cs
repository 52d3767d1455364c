using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Platform.Identity;
using static Media.Review.Tests.ReviewWorld;

namespace Media.Review.Tests;

/// <summary>The parts of a campaign around scoring: materials, deadlines, declining, arbitration, public notice and appeals, statistics and targets.</summary>
public sealed class ReviewWorkflowTests : IAsyncLifetime
{
    private readonly ReviewWorld _world = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private static object Campaign(int reviewersPerEntry = 1, object? windows = null, string[]? levels = null) => new
    {
        name = "2026年一师一优课", year = 2026, levels = levels ?? ["school", "county", "city"], reviewersPerEntry, standard = Lenient, windows,
    };

    [Fact]
    public async Task Materials_AreRequiredCheckedAndShownBlindToReviewers()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var campaign = await CampaignAsync(admin, Campaign());
        var draft = await DraftAsync(teacher, campaign, await _world.LessonAsync(teacher, "《背影》"));

        var incomplete = await teacher.PostAsync($"/api/review/submissions/{draft}/submit", null, Ct);
        var wrongExtension = await UploadDocumentAsync(teacher, draft, "design", "设计.exe", Pdf);
        var notAPdf = await UploadDocumentAsync(teacher, draft, "design", "张老师教学设计.pdf", Pptx);
        var unknownKind = await UploadDocumentAsync(teacher, draft, "video", "a.pdf", Pdf);
        Assert.Equal(HttpStatusCode.OK, (await UploadDocumentAsync(teacher, draft, "design", "张老师教学设计.pdf", Pdf)).StatusCode);
        var stillMissing = await teacher.PostAsync($"/api/review/submissions/{draft}/submit", null, Ct);
        var mine = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/submissions/mine", Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        Assert.Contains("教学设计、课件", await incomplete.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongExtension.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAPdf.StatusCode);
        Assert.Equal("application/problem+json", notAPdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Contains("课件", await stillMissing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("draft", mine[0].GetProperty("state").GetString());
        Assert.Equal(["courseware"], mine[0].GetProperty("missingDocuments").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("张老师教学设计.pdf", mine[0].GetProperty("documents")[0].GetProperty("fileName").GetString());

        Assert.Equal(HttpStatusCode.OK, (await UploadDocumentAsync(teacher, draft, "courseware", "课件.pptx", Pptx)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.PostAsync($"/api/review/submissions/{draft}/submit", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);

        // The reviewer sees the materials under neutral names; the teacher's own file name (often their name) stays hidden.
        var entry = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct))[0];
        Assert.Equal(["design", "courseware"], entry.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("kind").GetString()).Order(StringComparer.Ordinal).Reverse());
        var download = await reviewer.GetAsync($"/api/review/submissions/{entry.GetProperty("submissionId").GetGuid()}/documents/design", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.DoesNotContain("张老师", download.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);

        // Review has started: materials and the submission itself stay as they are.
        Assert.Equal(HttpStatusCode.Conflict, (await UploadDocumentAsync(teacher, draft, "design", "新设计.pdf", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await teacher.DeleteAsync($"/api/review/submissions/{draft}", Ct)).StatusCode);
        Assert.Equal(Pdf, await (await teacher.GetAsync($"/api/review/submissions/{draft}/documents/design", Ct)).Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Deadlines_RefuseLateSubmissionsAndLateScores_NothingChanges()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var reviewer = await _world.ClientAsync("reviewer");
        var past = new { opens = DateTimeOffset.UtcNow.AddDays(-10), closes = DateTimeOffset.UtcNow.AddDays(-1) };
        var open = new { opens = DateTimeOffset.UtcNow.AddDays(-1), closes = DateTimeOffset.UtcNow.AddHours(1) };
        var closed = await CampaignAsync(admin, Campaign(windows: new { school = past }));
        var closing = await CampaignAsync(admin, Campaign(windows: new { school = open }));
        var lesson = await _world.LessonAsync(teacher, "《背影》");

        var late = await teacher.PostAsJsonAsync($"/api/review/campaigns/{closed}/submissions", new { lessonId = lesson }, Ct);
        var submission = await SubmitAsync(teacher, closing, lesson);
        await admin.PostAsync($"/api/review/campaigns/{closing}/assignments?level=school", null, Ct);
        var assignment = (await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct))[0].GetProperty("assignmentId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PutAsJsonAsync($"/api/review/assignments/{assignment}", new { scores = new Dictionary<string, double> { ["教学设计"] = 15 }, final = false }, Ct)).StatusCode);
        _world.Server.Clock.Advance(TimeSpan.FromHours(2));
        var lateScore = await reviewer.PutAsJsonAsync($"/api/review/assignments/{assignment}", new { scores = new Dictionary<string, double> { ["教学设计"] = 5 }, final = false }, Ct);
        var queue = await reviewer.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("urn:media:problem:review-window", problem.GetProperty("type").GetString());
        Assert.Contains("closed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await teacher.GetFromJsonAsync<JsonElement[]>($"/api/review/campaigns/{closed}/submissions/mine", Ct) ?? []);
        Assert.Equal(HttpStatusCode.Conflict, lateScore.StatusCode);
        Assert.Equal(15, queue[0].GetProperty("scores").GetProperty("教学设计").GetDouble());
        Assert.NotEqual(Guid.Empty, submission);
    }

    [Fact]
    public async Task Assignment_MatchesSubjects_AndADeclinedEntryGoesToTheNextEligibleReviewer()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var chinese1 = await _world.UserAsync("yuwen1", Roles.Reviewer, "青岛市", "市南区");
        var chinese2 = await _world.UserAsync("yuwen2", Roles.Reviewer, "济南市", "市中区");
        var maths = await _world.UserAsync("shuxue", Roles.Reviewer, "青岛市", "市南区");
        var ids = new Dictionary<string, Guid>();
        foreach (var (name, client) in new[] { ("yuwen1", chinese1), ("yuwen2", chinese2), ("shuxue", maths) })
        {
            ids[name] = (await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        }

        var campaign = await CampaignAsync(admin, Campaign());
        var pool = await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[]
        {
            new { userId = ids["yuwen1"], subjects = new[] { "语文" } },
            new { userId = ids["yuwen2"], subjects = new[] { "语文" } },
            new { userId = ids["shuxue"], subjects = new[] { "数学" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, pool.StatusCode);
        var notAReviewer = await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[] { new { userId = Guid.NewGuid(), subjects = Array.Empty<string>() } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notAReviewer.StatusCode);

        var submission = await SubmitAsync(teacher, campaign, await _world.LessonAsync(teacher, "《背影》", subject: "语文"));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct)).StatusCode);
        async Task<JsonElement[]> QueueAsync(HttpClient reviewer) => await reviewer.GetFromJsonAsync<JsonElement[]>("/api/review/assignments", Ct) ?? [];
        var first = (await QueueAsync(chinese1)).Concat(await QueueAsync(chinese2)).Single();
        var firstReviewer = (await QueueAsync(chinese1)).Length == 1 ? chinese1 : chinese2;
        var secondReviewer = firstReviewer == chinese1 ? chinese2 : chinese1;
        Assert.Empty(await QueueAsync(maths));

        Assert.Equal(HttpStatusCode.BadRequest, (await firstReviewer.PostAsJsonAsync($"/api/review/assignments/{first.GetProperty("assignmentId").GetGuid()}/decline", new { reason = "" }, Ct)).StatusCode);
        var declined = await firstReviewer.PostAsJsonAsync($"/api/review/assignments/{first.GetProperty("assignmentId").GetGuid()}/decline", new { reason = "与授课教师相识" }, Ct);
        Assert.True((await declined.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reassigned").GetBoolean());
        Assert.Empty(await QueueAsync(firstReviewer));
        var second = Assert.Single(await QueueAsync(secondReviewer));

        // The last 语文 reviewer declines too: the 数学 reviewer is not asked; the entry waits for the admin.
        var lastDecline = await secondReviewer.PostAsJsonAsync($"/api/review/assignments/{second.GetProperty("assignmentId").GetGuid()}/decline", new { reason = "时间冲突" }, Ct);
        Assert.False((await lastDecline.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reassigned").GetBoolean());
        Assert.Empty(await QueueAsync(maths));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/review/submissions/{submission}/audit", Ct);
        Assert.Equal(["assigned", "declined", "assigned", "declined", "short of reviewers"],
            audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).SkipWhile(a => a != "assigned"));
    }

    [Fact]
    public async Task Dispute_Arbitration_PublicNotice_Appeal_ThenPublishedResultsNeverChange()
    {
        var admin = await _world.ClientAsync("admin");
        var teacher = await _world.ClientAsync("teacher");
        var teacher2 = await _world.ClientAsync("teacher2");
        var reviewer = await _world.ClientAsync("reviewer");
        var outsider = await _world.UserAsync("waishi", Roles.Reviewer, "青岛市", "市南区");
        var campaign = await CampaignAsync(admin, Campaign(reviewersPerEntry: 2, levels: ["county", "city"]));
        var mine = await SubmitAsync(teacher, campaign, await _world.LessonAsync(teacher, "《背影》"));
        var theirs = await SubmitAsync(teacher2, campaign, await _world.LessonAsync(teacher2, "《三峡》", "352x288"));
        // The pool: 赵评审 (市中区) and an outside expert (市南区); 李老师's entry from 市南区 can only go to 赵评审.
        var pool = new List<object>();
        foreach (var client in new[] { reviewer, outsider })
        {
            pool.Add(new { userId = (await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid() });
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", pool, Ct)).StatusCode);
        await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=county", null, Ct);

        // The two reviewers of 张老师's entry disagree by 50 points.
        foreach (var (client, share) in new[] { (reviewer, 0.9), (outsider, 0.4) })
        {
            foreach (var entry in (await client.GetFromJsonAsync<JsonElement>("/api/review/assignments", Ct)).EnumerateArray())
            {
                var scores = entry.GetProperty("rubric").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("weight").GetDouble() * share);
                await client.PutAsJsonAsync($"/api/review/assignments/{entry.GetProperty("assignmentId").GetGuid()}", new { scores, final = true }, Ct);
            }
        }

        var results = await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/results?level=county", Ct);
        var disputed = results.EnumerateArray().Single(r => r.GetProperty("submissionId").GetGuid() == mine);
        Assert.True(disputed.GetProperty("disputed").GetBoolean());
        var unsettled = await admin.PostAsJsonAsync($"/api/review/campaigns/{campaign}/levels/county/notice", new { endsAt = _world.Server.Clock.GetUtcNow().AddMinutes(5) }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, unsettled.StatusCode);
        Assert.Contains("arbitration", await unsettled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/review/submissions/{theirs}/arbitration", new { score = 70, reason = "无争议" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/review/submissions/{mine}/arbitration", new { score = 170, reason = "超出" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/review/submissions/{mine}/arbitration", new { score = 72, reason = "复看录像，教学实施较好" }, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await teacher.PostAsJsonAsync($"/api/review/submissions/{mine}/appeals", new { reason = "评分与实际不符，请复核" }, Ct)).StatusCode);
        var ends = _world.Server.Clock.GetUtcNow().AddMinutes(5);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/review/campaigns/{campaign}/levels/county/notice", new { endsAt = ends }, Ct)).StatusCode);
        var notice = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/levels/county/notice", Ct);
        Assert.False(notice[0].GetProperty("published").GetBoolean());
        var appeal = await teacher.PostAsJsonAsync($"/api/review/submissions/{mine}/appeals", new { reason = "评分与实际不符，请复核" }, Ct);
        Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await teacher.PostAsJsonAsync($"/api/review/submissions/{mine}/appeals", new { reason = "再次申诉，请复核" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher2.PostAsJsonAsync($"/api/review/submissions/{mine}/appeals", new { reason = "替人申诉" }, Ct)).StatusCode);
        var running = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/county/publish", null, Ct);
        Assert.Contains("runs until", await running.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        _world.Server.Clock.Advance(TimeSpan.FromMinutes(6));
        var openAppeal = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/county/publish", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, openAppeal.StatusCode);
        Assert.Contains("appeal", await openAppeal.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var appealId = (await appeal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/review/appeals/{appealId}", new { upheld = false, resolution = "维持", score = 80 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/review/appeals/{appealId}", new { upheld = true, resolution = "复核后调整", score = 78 }, Ct)).StatusCode);
        var published = await admin.PostAsync($"/api/review/campaigns/{campaign}/levels/county/publish", null, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/review/submissions/{mine}/audit", Ct);
        var actions = audit.EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["arbitrated", "on notice", "appealed", "appeal upheld", "awarded"], actions.SkipWhile(a => a != "arbitrated"));
        Assert.Contains("with 78", audit.EnumerateArray().Last().GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsJsonAsync($"/api/review/appeals/{appealId}", new { upheld = false, resolution = "改判" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await teacher2.PostAsJsonAsync($"/api/review/submissions/{theirs}/appeals", new { reason = "结果公布后申诉" }, Ct)).StatusCode);
        var mineNow = await teacher.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/submissions/mine", Ct);
        Assert.Equal("upheld", mineNow[0].GetProperty("appeals")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ReviewerPool_RegionAdminOfAnotherCampaign_IsRefusedAndThePoolStays()
    {
        var admin = await _world.ClientAsync("admin");
        var jinanAdmin = await _world.ClientAsync("jinan-admin");
        var reviewer = (await (await _world.ClientAsync("reviewer")).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        var reviewer2 = (await (await _world.ClientAsync("reviewer2")).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        var campaign = await CampaignAsync(admin, Campaign());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[] { new { userId = reviewer, subjects = new[] { "语文" } } }, Ct)).StatusCode);

        var rewrite = await jinanAdmin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/reviewers", new[] { new { userId = reviewer2, subjects = Array.Empty<string>() } }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, rewrite.StatusCode);
        Assert.Equal("application/problem+json", rewrite.Content.Headers.ContentType?.MediaType);
        var pool = await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/reviewers", Ct);
        Assert.Equal([reviewer], pool.EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()));
    }

    [Fact]
    public async Task Statistics_Csv_AndParticipationTargets_ForTheCallersRegion()
    {
        var admin = await _world.ClientAsync("admin");
        var jinanAdmin = await _world.ClientAsync("jinan-admin");
        var teacher = await _world.ClientAsync("teacher");
        var teacher2 = await _world.ClientAsync("teacher2");
        var campaign = await CampaignAsync(admin, Campaign());
        await SubmitAsync(teacher, campaign, await _world.LessonAsync(teacher, "《背影》", subject: "语文"));
        await SubmitAsync(teacher2, campaign, await _world.LessonAsync(teacher2, "《三峡》", "352x288", subject: "语文"));
        await DraftAsync(teacher, campaign, await _world.LessonAsync(teacher, "《春》", "176x144", subject: "语文"));
        var lixia = await _world.OrganisationIdAsync("济南市", "历下区");
        var shizhong = await _world.OrganisationIdAsync("济南市", "市中区");
        var qingdao = await _world.OrganisationIdAsync("青岛市");

        var outside = await jinanAdmin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/targets", new[] { new { organisationId = qingdao, submissions = 5 } }, Ct);
        var badShare = await jinanAdmin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/targets", new[] { new { organisationId = lixia, teacherShare = 1.5 } }, Ct);
        var targets = await jinanAdmin.PutAsJsonAsync($"/api/review/campaigns/{campaign}/targets", new object[]
        {
            new { organisationId = lixia, submissions = 1, teacherShare = 0.5 },
            new { organisationId = shizhong, submissions = 2 },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badShare.StatusCode);
        Assert.Equal(HttpStatusCode.OK, targets.StatusCode);
        var progress = (await targets.Content.ReadFromJsonAsync<JsonElement>(Ct)).EnumerateArray().ToDictionary(t => t.GetProperty("organisation").GetString()!);
        Assert.Equal(1, progress["历下区"].GetProperty("submissions").GetInt32());
        Assert.Equal(1, progress["历下区"].GetProperty("teachers").GetInt32());
        Assert.True(progress["历下区"].GetProperty("met").GetBoolean());
        Assert.Equal(0, progress["市中区"].GetProperty("submissions").GetInt32());
        Assert.False(progress["市中区"].GetProperty("met").GetBoolean());
        Assert.Empty(await (await _world.ClientAsync("qingdao-admin")).GetFromJsonAsync<JsonElement[]>($"/api/review/campaigns/{campaign}/targets", Ct) ?? []);

        var all = await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/statistics", Ct);
        var jinan = await jinanAdmin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/statistics", Ct);
        Assert.Equal(2, all.GetProperty("handedIn").GetInt32());
        Assert.Equal(1, all.GetProperty("drafts").GetInt32());
        Assert.Equal(["济南市", "青岛市"], all.GetProperty("byRegion").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2, all.GetProperty("bySubject")[0].GetProperty("entries").GetInt32());
        Assert.Equal(1, jinan.GetProperty("handedIn").GetInt32());
        Assert.Equal("历下区", jinan.GetProperty("byRegion")[0].GetProperty("name").GetString());

        await admin.PostAsync($"/api/review/campaigns/{campaign}/assignments?level=school", null, Ct);
        await ScoreEverythingAsync(0.85, await _world.ClientAsync("reviewer"), await _world.ClientAsync("reviewer2"));
        var scored = await admin.GetFromJsonAsync<JsonElement>($"/api/review/campaigns/{campaign}/statistics?level=school", Ct);
        Assert.Equal(2, scored.GetProperty("scores").EnumerateArray().Single(b => b.GetProperty("from").GetDouble() == 80).GetProperty("count").GetInt32());
        Assert.Equal(85, scored.GetProperty("meanScore").GetDouble());
        Assert.Equal(2, scored.GetProperty("reviewers").EnumerateArray().Sum(r => r.GetProperty("final").GetInt32()));

        var csv = await admin.GetAsync($"/api/review/campaigns/{campaign}/statistics.csv", Ct);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("submission,lesson,title,teacher,school,county,city", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("《背影》", StringComparison.Ordinal) && l.Contains("张老师", StringComparison.Ordinal) && l.Contains(",85,", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();
}
