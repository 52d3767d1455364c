using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Media.Testing;

namespace Media.Catalog.Tests;

/// <summary>The catalog over HTTP on the real host: a generated demo library beside a real uploaded and published lesson.</summary>
public sealed class CatalogApiTests : IAsyncLifetime
{
    private const int DemoLessons = 1500;
    private readonly TempFolder _folder = new("catalog");
    private readonly MediaServerFactory _server = new MediaServerFactory().With("Media:Catalog:DemoLessons", DemoLessons.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/catalog/search?" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray().ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt64());

    [Fact]
    public async Task Search_DemoLibrary_SubjectFacetCountEqualsTheFilteredTotal()
    {
        var student = await _server.CreateClientForAsync("student");

        var all = await SearchAsync(student, "");
        var chinese = await SearchAsync(student, "subject=" + Uri.EscapeDataString("语文"));

        Assert.Equal(DemoLessons, all.GetProperty("total").GetInt64());
        Assert.Equal(Facet(all, "subject")["语文"], chinese.GetProperty("total").GetInt64());
        Assert.Equal(DemoLessons, Facet(all, "stage").Values.Sum());
        Assert.All(chinese.GetProperty("items").EnumerateArray(), i => Assert.Equal("语文", i.GetProperty("subject").GetString()));
    }

    [Fact]
    public async Task Search_Beiying_ReturnsBeiyingLessonsFirstWithHighlights()
    {
        var student = await _server.CreateClientForAsync("student");

        var result = await SearchAsync(student, "q=" + Uri.EscapeDataString("背影") + "&pageSize=5");

        var items = result.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("背影", i.GetProperty("lesson").GetString()));
        Assert.All(items, i => Assert.Contains("<em>背影</em>", i.GetProperty("highlight").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_BadParameters_Return400ProblemJson()
    {
        var student = await _server.CreateClientForAsync("student");

        foreach (var query in new[] { "sort=loudest", "pageSize=1000", "page=0", "colour=red" })
        {
            var response = await student.GetAsync("/api/catalog/search?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.CreateClient().GetAsync("/api/catalog/search?q=x", Ct)).StatusCode);
    }

    [Fact]
    public async Task Taxonomy_Tree_CountsAgreeWithSearch()
    {
        var student = await _server.CreateClientForAsync("student");

        var tree = await student.GetFromJsonAsync<JsonElement>("/api/catalog/taxonomy", Ct);
        var juniorChinese8 = Child(Child(Child(Child(tree, "初中"), "八年级"), "语文"), "统编版");
        var volume = Child(juniorChinese8, "八年级上册");
        var beiying = Child(Child(volume, "第四单元"), "背影");
        var search = await SearchAsync(student, string.Join('&', $"edition={Uri.EscapeDataString("统编版")}", $"volume={Uri.EscapeDataString("八年级上册")}",
            $"subject={Uri.EscapeDataString("语文")}", $"lesson={Uri.EscapeDataString("背影")}"));

        Assert.Equal("lesson", beiying.GetProperty("level").GetString());
        Assert.Equal(search.GetProperty("total").GetInt64(), beiying.GetProperty("lessons").GetInt32());
        Assert.Equal(volume.GetProperty("children").EnumerateArray().Sum(u => u.GetProperty("lessons").GetInt32()), volume.GetProperty("lessons").GetInt32());
        Assert.Equal(DemoLessons, tree.EnumerateArray().Sum(s => s.GetProperty("lessons").GetInt32()));
    }

    [Fact]
    public async Task Coverage_ListsTextbookLessonsWithoutAnAwardAtTheLevel()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var filter = $"stage={Uri.EscapeDataString("初中")}&subject={Uri.EscapeDataString("语文")}&edition={Uri.EscapeDataString("统编版")}";

        var coverage = await admin.GetFromJsonAsync<JsonElement>($"/api/catalog/coverage?award={Uri.EscapeDataString("市级优课")}&{filter}", Ct);
        var bad = await admin.GetAsync("/api/catalog/coverage?award=gold", Ct);
        var tree = await admin.GetFromJsonAsync<JsonElement>("/api/catalog/taxonomy", Ct);
        var textbookLessons = Child(tree, "初中").GetProperty("children").EnumerateArray()
            .SelectMany(grade => grade.GetProperty("children").EnumerateArray().Where(s => s.GetProperty("name").GetString() == "语文"))
            .SelectMany(subject => subject.GetProperty("children").EnumerateArray().Where(e => e.GetProperty("name").GetString() == "统编版"))
            .Sum(CountLessonNodes);

        async Task<long> AwardedAsync(string lesson)
        {
            long total = 0;
            foreach (var award in new[] { "市级优课", "省级优课", "部级优课" })
            {
                total += (await SearchAsync(admin, $"{filter}&lesson={Uri.EscapeDataString(lesson)}&award={Uri.EscapeDataString(award)}")).GetProperty("total").GetInt64();
            }

            return total;
        }

        var uncovered = coverage.GetProperty("uncovered").EnumerateArray().Select(u => u.GetProperty("path").GetString()!).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(textbookLessons, coverage.GetProperty("lessons").GetInt32());
        Assert.Equal(textbookLessons - uncovered.Count, coverage.GetProperty("covered").GetInt32());
        Assert.Equal("统编版", Assert.Single(coverage.GetProperty("byEdition").EnumerateArray()).GetProperty("edition").GetString());
        Assert.All(uncovered, path => Assert.StartsWith("初中 / ", path, StringComparison.Ordinal));
        foreach (var path in uncovered.Take(3))
        {
            Assert.Equal(0, await AwardedAsync(path.Split(" / ")[^1]));
        }

        Assert.Equal(await AwardedAsync("背影") > 0, !uncovered.Any(p => p.EndsWith("/ 背影", StringComparison.Ordinal)));
    }

    private static int CountLessonNodes(JsonElement node) =>
        node.GetProperty("level").GetString() == "lesson" ? 1 : node.GetProperty("children").EnumerateArray().Sum(CountLessonNodes);

    [Fact]
    public async Task Taxonomy_ExportThenImport_KeepsTheTreeAndOnlyAdminsMayImport()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var teacher = await _server.CreateClientForAsync("teacher");
        var exported = await admin.GetStringAsync("/api/catalog/taxonomy", Ct);

        var refused = await teacher.PutAsync("/api/catalog/taxonomy", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        var invalid = await admin.PutAsJsonAsync("/api/catalog/taxonomy", new[] { new { level = "lesson", name = "课", children = new[] { new { level = "stage", name = "初中" } } } }, Ct);
        var imported = await admin.PutAsync("/api/catalog/taxonomy", new StringContent(exported, System.Text.Encoding.UTF8, "application/json"), Ct);
        var again = await admin.GetStringAsync("/api/catalog/taxonomy", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(exported, again);
    }

    [Fact]
    public async Task RatingAndFavourite_ShowInEngagementSortAndFavourites()
    {
        var student = await _server.CreateClientForAsync("student");
        var teacher = await _server.CreateClientForAsync("teacher");
        var newest = (await SearchAsync(student, "sort=newest&pageSize=1")).GetProperty("items")[0];
        var lesson = newest.GetProperty("id").GetGuid();
        var byTeacher = "teacher=" + Uri.EscapeDataString(newest.GetProperty("teacher").GetString()!);

        Assert.Equal(HttpStatusCode.BadRequest, (await student.PutAsJsonAsync($"/api/lessons/{lesson}/rating", new { stars = 6 }, Ct)).StatusCode);
        await student.PutAsJsonAsync($"/api/lessons/{lesson}/rating", new { stars = 2 }, Ct);
        await student.PutAsJsonAsync($"/api/lessons/{lesson}/rating", new { stars = 5 }, Ct);
        await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/rating", new { stars = 4 }, Ct);
        await student.PutAsync($"/api/lessons/{lesson}/favourite", null, Ct);
        await student.PutAsync($"/api/lessons/{lesson}/favourite", null, Ct);
        var engagement = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/engagement", Ct);
        var favourites = await student.GetFromJsonAsync<JsonElement>("/api/me/favourites", Ct);
        var teachersFavourites = await teacher.GetFromJsonAsync<JsonElement>("/api/me/favourites", Ct);
        var found = (await SearchAsync(student, "sort=rating&pageSize=100&" + byTeacher)).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == lesson);

        Assert.Equal(4.5, engagement.GetProperty("averageRating").GetDouble());
        Assert.Equal(2, engagement.GetProperty("ratingCount").GetInt32());
        Assert.Equal(5, engagement.GetProperty("myRating").GetInt32());
        Assert.True(engagement.GetProperty("isFavourite").GetBoolean());
        Assert.Equal(1, engagement.GetProperty("favourites").GetInt32());
        Assert.Equal([lesson], favourites.EnumerateArray().Select(f => f.GetProperty("id").GetGuid()));
        Assert.Empty(teachersFavourites.EnumerateArray());
        Assert.Equal(4.5, found.GetProperty("rating").GetDouble());

        await student.DeleteAsync($"/api/lessons/{lesson}/favourite", Ct);
        Assert.Empty((await student.GetFromJsonAsync<JsonElement>("/api/me/favourites", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Related_BeiyingLesson_SameLessonFirstNeverItselfEachWithAReason()
    {
        var student = await _server.CreateClientForAsync("student");
        var beiying = (await SearchAsync(student, "lesson=" + Uri.EscapeDataString("背影") + "&pageSize=1")).GetProperty("items")[0];
        var id = beiying.GetProperty("id").GetGuid();

        var related = (await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{id}/related?take=12", Ct)).EnumerateArray().ToList();

        Assert.Equal(12, related.Count);
        Assert.DoesNotContain(id, related.Select(r => r.GetProperty("lesson").GetProperty("id").GetGuid()));
        Assert.All(related, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        var first = related[0];
        Assert.StartsWith("同一课", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("背影", first.GetProperty("lesson").GetProperty("lesson").GetString());
        Assert.Equal(related.Count, related.Select(r => r.GetProperty("lesson").GetProperty("id").GetGuid()).Distinct().Count());
    }

    [Fact]
    public async Task PublishedUpload_IsSearchableEditableCountedAndRecommended()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var source = _folder.Combine("lesson.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 6, size: "320x180");
        var lesson = await LessonApi.PublishAsync(teacher, source, "光的折射实验课");

        var found = await SearchAsync(student, "q=" + Uri.EscapeDataString("折射"));
        Assert.Contains(lesson, found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var patch = await teacher.PatchAsJsonAsync($"/api/lessons/{lesson}", new { subject = "物理", grade = "八年级", edition = "人教版", tags = new[] { "实验探究" } }, Ct);
        var stranger = await student.PatchAsJsonAsync($"/api/lessons/{lesson}", new { title = "mine now" }, Ct);
        var award = await teacher.PatchAsJsonAsync($"/api/lessons/{lesson}", new { awardLevel = "部级优课" }, Ct);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, award.StatusCode);
        var physics = await SearchAsync(student, "subject=" + Uri.EscapeDataString("物理") + "&tag=" + Uri.EscapeDataString("实验探究"));
        // No keywords: newest first, and the upload is newer than the whole demo library.
        Assert.Equal(lesson, physics.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.All(physics.GetProperty("items").EnumerateArray(), i => Assert.Equal("物理", i.GetProperty("subject").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await student.PostAsJsonAsync($"/api/lessons/{lesson}/heartbeats", new { positionSeconds = 2.0, watchedSeconds = 2.0 }, Ct)).StatusCode);
        var counted = await student.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}/engagement", Ct);
        var forYou = (await student.GetFromJsonAsync<JsonElement>("/api/catalog/for-you", Ct)).EnumerateArray().ToList();

        Assert.Equal(1, counted.GetProperty("views").GetInt32());
        Assert.Equal(lesson, forYou[0].GetProperty("lesson").GetProperty("id").GetGuid());
        Assert.StartsWith("继续观看", forYou[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains(forYou.Skip(1), r => r.GetProperty("lesson").GetProperty("subject").GetString() == "物理"
            && r.GetProperty("reason").GetString()!.Contains("光的折射实验课", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SchoolOnlyLesson_IsShownOnlyToItsSchool_InSearchCompletionRelatedAndTheLessonPage()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var student = await _server.CreateClientForAsync("student");
        var outsider = await _server.CreateClientForAsync("teacher2");
        var admin = await _server.CreateClientForAsync("admin");
        var source = _folder.Combine("school-only.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "240x136");
        var lesson = await LessonApi.PublishAsync(teacher, source, "校内研讨课：电磁感应");
        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "school" }, Ct)).StatusCode);

        async Task<bool> FindsAsync(HttpClient client)
        {
            var search = await SearchAsync(client, "q=" + Uri.EscapeDataString("电磁感应"));
            var completions = await client.GetFromJsonAsync<JsonElement>("/api/catalog/complete?prefix=" + Uri.EscapeDataString("校内研讨"), Ct);
            var page = await client.GetAsync($"/api/lessons/{lesson}", Ct);
            var related = await client.GetAsync($"/api/lessons/{lesson}/related", Ct);
            var inSearch = search.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == lesson);
            var inCompletions = completions.EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == lesson);
            // Every way in agrees: the lesson is either there for the viewer or nowhere.
            Assert.Equal(inSearch, inCompletions);
            Assert.Equal(inSearch, page.StatusCode == HttpStatusCode.OK);
            Assert.Equal(inSearch, related.StatusCode == HttpStatusCode.OK);
            return inSearch;
        }

        Assert.True(await FindsAsync(teacher));
        Assert.True(await FindsAsync(student)); // 八年级(1)班 is a class of the teacher's school
        Assert.True(await FindsAsync(admin));
        Assert.False(await FindsAsync(outsider));

        Assert.Equal(HttpStatusCode.OK, (await teacher.PutAsJsonAsync($"/api/lessons/{lesson}/access", new { level = "signed-in" }, Ct)).StatusCode);
        Assert.True(await FindsAsync(outsider));
    }

    [Fact]
    public async Task Rebuild_ByAdmin_IndexesEveryPublishedLesson()
    {
        var admin = await _server.CreateClientForAsync("admin");
        var student = await _server.CreateClientForAsync("student");

        var refused = await student.PostAsync("/api/catalog/index/rebuild", null, Ct);
        var rebuilt = await admin.PostAsync("/api/catalog/index/rebuild", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        Assert.Equal(DemoLessons, (await rebuilt.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("indexed").GetInt64());
    }

    [Fact]
    public async Task Complete_TypedPrefix_SuggestsTitles()
    {
        var student = await _server.CreateClientForAsync("student");

        var suggestions = await student.GetFromJsonAsync<JsonElement>("/api/catalog/complete?prefix=" + Uri.EscapeDataString("勾股定"), Ct);

        Assert.NotEmpty(suggestions.EnumerateArray());
        Assert.All(suggestions.EnumerateArray(), s => Assert.Contains("勾股定", s.GetProperty("title").GetString(), StringComparison.Ordinal));
    }

    private static JsonElement Child(JsonElement nodes, string name) =>
        (nodes.ValueKind == JsonValueKind.Array ? nodes : nodes.GetProperty("children")).EnumerateArray().Single(n => n.GetProperty("name").GetString() == name);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>Lessons that were never published never reach search.</summary>
public sealed class UnpublishedLessonTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("unpublished");

    // Role "api" runs no jobs: an uploaded lesson stays a draft.
    private readonly MediaServerFactory _server = new MediaServerFactory().With("role", "api");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Draft_NeverAppearsInSearchCompletionOrFavourites()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var source = _folder.Combine("draft.mp4");
        await Ffmpeg.LessonAsync(source, seconds: 3, size: "160x120");
        var lesson = await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, source, "未发布的草稿课"));
        var search = await teacher.GetFromJsonAsync<JsonElement>("/api/catalog/search?q=" + Uri.EscapeDataString("未发布的草稿课"), Ct);
        var complete = await teacher.GetFromJsonAsync<JsonElement>("/api/catalog/complete?prefix=" + Uri.EscapeDataString("未发布"), Ct);
        var favourite = await teacher.PutAsync($"/api/lessons/{lesson}/favourite", null, Ct);

        Assert.Equal(0, search.GetProperty("total").GetInt64());
        Assert.Empty(complete.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, favourite.StatusCode);
        Assert.Equal("draft", (await teacher.GetFromJsonAsync<JsonElement>($"/api/lessons/{lesson}", Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task MyLessons_ListsOnlyTheCallersLessons_InEveryState_FilteredByStatusAndTitle()
    {
        var teacher = await _server.CreateClientForAsync("teacher");
        var lessons = new List<Guid>();
        foreach (var (title, tone) in new[] { ("我的课例：春", 330), ("我的课例：背影", 550) })
        {
            var source = _folder.Combine($"mine-{tone}.mp4");
            await Ffmpeg.LessonAsync(source, seconds: 2, size: "160x120", toneHz: tone);
            lessons.Add(await LessonApi.WaitForAcceptedAsync(teacher, await LessonApi.UploadAsync(teacher, source, title)));
        }

        var mine = await teacher.GetFromJsonAsync<JsonElement>("/api/me/lessons", Ct);
        var drafts = await teacher.GetFromJsonAsync<JsonElement>("/api/me/lessons?status=draft&pageSize=1", Ct);
        var published = await teacher.GetFromJsonAsync<JsonElement>("/api/me/lessons?status=published", Ct);
        var titled = await teacher.GetFromJsonAsync<JsonElement>("/api/me/lessons?q=" + Uri.EscapeDataString("背影"), Ct);
        var others = await (await _server.CreateClientForAsync("teacher2")).GetFromJsonAsync<JsonElement>("/api/me/lessons", Ct);
        var student = await (await _server.CreateClientForAsync("student")).GetAsync("/api/me/lessons", Ct);
        var bad = await teacher.GetAsync("/api/me/lessons?status=deleted", Ct);

        // Newest first, in whatever state; a draft is listed although search never shows it.
        Assert.Equal([lessons[1], lessons[0]], mine.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).Where(lessons.Contains));
        Assert.All(mine.GetProperty("items").EnumerateArray(), l => Assert.Equal("draft", l.GetProperty("status").GetString()));
        Assert.Equal(mine.GetProperty("total").GetInt32(), mine.GetProperty("counts").GetProperty("draft").GetInt32());
        Assert.Equal(0, mine.GetProperty("counts").GetProperty("failed").GetInt32());
        Assert.Equal(mine.GetProperty("total").GetInt32(), drafts.GetProperty("total").GetInt32());
        Assert.Single(drafts.GetProperty("items").EnumerateArray());
        Assert.Equal(0, published.GetProperty("total").GetInt32());
        Assert.Equal([lessons[1]], titled.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()));
        Assert.DoesNotContain(others.GetProperty("items").EnumerateArray(), l => lessons.Contains(l.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, student.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
