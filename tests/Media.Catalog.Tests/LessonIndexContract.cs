using Media.Catalog.Lessons;
using Media.Catalog.Search;

namespace Media.Catalog.Tests;

/// <summary>What every lesson index must do; run against Lucene always and Elasticsearch when one is configured.</summary>
public abstract class LessonIndexContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private protected ILessonIndex Index { get; private set; } = null!;

    private protected abstract Task<ILessonIndex> CreateIndexAsync();

    public async ValueTask InitializeAsync()
    {
        Index = await CreateIndexAsync();
        await Index.ReplaceAllAsync(Library().ToAsyncEnumerable(), CancellationToken.None);
    }

    public virtual ValueTask DisposeAsync()
    {
        (Index as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    internal static readonly Guid BeiyingBySpecialTeacher = Guid.Parse("00000000-0000-0000-0000-000000000001");
    internal static readonly Guid BeiyingSecondLesson = Guid.Parse("00000000-0000-0000-0000-000000000002");
    internal static readonly Guid MentionsBeiying = Guid.Parse("00000000-0000-0000-0000-000000000003");
    internal static readonly Guid Sanxia = Guid.Parse("00000000-0000-0000-0000-000000000004");
    internal static readonly Guid Pythagoras = Guid.Parse("00000000-0000-0000-0000-000000000005");
    internal static readonly Guid Photosynthesis = Guid.Parse("00000000-0000-0000-0000-000000000006");
    internal static readonly Guid BeiyingOtherEdition = Guid.Parse("00000000-0000-0000-0000-000000000007");

    internal static IEnumerable<LessonDocument> Library() =>
    [
        Doc(BeiyingBySpecialTeacher, "《背影》第一课时", "初中", "八年级", "语文", "人教版", "八年级上册", "第四单元", "背影", "王丽娟", "特级教师", "济南市", views: 900,
            description: "朱自清散文名篇，体会父亲的背影中深沉的父爱。", award: "省级优课", rating: 4.8),
        Doc(BeiyingSecondLesson, "背影——品味语言，体会情感", "初中", "八年级", "语文", "统编版", "八年级上册", "第四单元", "背影", "李建国", "骨干教师", "青岛市", views: 300,
            description: "抓住四次背影，品味朴实的语言。", rating: 4.1),
        Doc(MentionsBeiying, "散文二篇", "初中", "八年级", "语文", "人教版", "八年级上册", "第四单元", "散文二篇", "张晓燕", null, "济南市", views: 50,
            description: "本课与《背影》同在第四单元，学习托物言志的写法。"),
        Doc(Sanxia, "三峡", "初中", "八年级", "语文", "人教版", "八年级上册", "第三单元", "三峡", "刘志强", "学科带头人", "淄博市", views: 120,
            description: "郦道元笔下的三峡：山水之美。", award: "市级优课"),
        Doc(Pythagoras, "勾股定理的证明", "初中", "八年级", "数学", "人教版", "八年级下册", "第十七章 勾股定理", "勾股定理", "陈海燕", "特级教师", "济南市", views: 2000,
            description: "用面积法证明勾股定理，数形结合。", rating: 3.5),
        Doc(Photosynthesis, "光合作用 Photosynthesis", "初中", "七年级", "生物", "人教版", "七年级上册", "第三单元", "光合作用吸收二氧化碳释放氧气", "杨红梅", "市级名师", "烟台市", views: 10,
            description: "探究绿色植物的光合作用。"),
        Doc(BeiyingOtherEdition, "《背影》教学实录", "初中", "八年级", "语文", "语文版", "八年级上册", "第二单元", "背影", "赵文博", null, "临沂市", views: 5,
            description: "朗读与背诵。"),
    ];

    private static LessonDocument Doc(Guid id, string title, string stage, string grade, string subject, string edition, string volume, string unit, string lesson,
        string teacher, string? teacherTitle, string region, int views, string description, string? award = null, double rating = 0) =>
        new(id, title, description, teacher, teacherTitle, region + "第一中学", region, stage, grade, subject, edition, volume, unit, lesson, award, 2025,
            ["公开课"], ["导入", "新课讲授"], 2_400, Start.AddDays(id.GetHashCode() % 100), views, 0, rating, rating > 0 ? 10 : 0);

    private Task<LessonSearchResult> SearchAsync(string? text, Dictionary<string, string>? filters = null, LessonSort sort = LessonSort.Relevance, int page = 1, int pageSize = 20) =>
        Index.SearchAsync(new LessonQuery(text, filters ?? [], sort, page, pageSize), CancellationToken.None);

    [Fact]
    public async Task Search_Beiying_FindsTheBeiyingLessonsFirst()
    {
        var result = await SearchAsync("背影");

        var top = result.Items.Take(3).Select(i => i.Lesson.Id).ToHashSet();
        Assert.Equal([BeiyingBySpecialTeacher, BeiyingSecondLesson, BeiyingOtherEdition], top.Order());
        Assert.Contains(MentionsBeiying, result.Items.Select(i => i.Lesson.Id));
        Assert.DoesNotContain(Pythagoras, result.Items.Select(i => i.Lesson.Id));
    }

    [Fact]
    public async Task Search_EditionGradeAndLessonWords_RanksTheExactLessonFirst()
    {
        var result = await SearchAsync("人教版 八年级上册 背影");

        Assert.Equal(BeiyingBySpecialTeacher, result.Items[0].Lesson.Id);
        Assert.DoesNotContain(BeiyingOtherEdition, result.Items.Select(i => i.Lesson.Id));
    }

    [Fact]
    public async Task Search_WordsTypedWithoutSpaces_StillRanksTheLessonFirst()
    {
        var result = await SearchAsync("人教版背影特级教师");

        Assert.NotEmpty(result.Items);
        Assert.Equal(BeiyingBySpecialTeacher, result.Items[0].Lesson.Id);
    }

    [Fact]
    public async Task Search_NoKeywords_CountsSubjectFacetsOverEveryLesson()
    {
        var result = await SearchAsync(null);

        Assert.Equal(Library().Count(), result.Total);
        var subjects = result.Facets[LessonFields.Subject].ToDictionary(f => f.Value, f => f.Count);
        Assert.Equal(Library().Count(l => l.Subject == "语文"), subjects["语文"]);
        Assert.Equal(1, subjects["数学"]);
        Assert.Equal(2, result.Facets[LessonFields.TeacherTitle].Single(f => f.Value == "特级教师").Count);
        Assert.Contains(result.Facets[LessonFields.Award], f => f.Value == "省级优课" && f.Count == 1);
        Assert.Contains(result.Facets[LessonFields.Year], f => f.Value == "2025");
    }

    [Fact]
    public async Task Search_FilterBySubjectAndRegion_ReturnsOnlyMatchingLessonsAndNarrowsFacets()
    {
        var result = await SearchAsync(null, new() { [LessonFields.Subject] = "语文", [LessonFields.Region] = "济南市" });

        Assert.Equal(2, result.Total);
        Assert.All(result.Items, i => Assert.Equal("语文", i.Lesson.Subject));
        Assert.Equal([new FacetCount("语文", 2)], result.Facets[LessonFields.Subject]);
    }

    [Fact]
    public async Task Search_Highlight_WrapsTheMatchedWords()
    {
        var result = await SearchAsync("背影");

        var hit = result.Items.Single(i => i.Lesson.Id == BeiyingBySpecialTeacher);
        Assert.Equal("《<em>背影</em>》第一课时", hit.Highlight);
        Assert.Contains("<em>背影</em>", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SortByViewsAndRating_OrdersByThem()
    {
        var byViews = await SearchAsync(null, sort: LessonSort.MostViewed);
        var byRating = await SearchAsync(null, sort: LessonSort.Rating);

        Assert.Equal(Library().OrderByDescending(l => l.Views).Select(l => l.Id), byViews.Items.Select(i => i.Lesson.Id));
        Assert.Equal(BeiyingBySpecialTeacher, byRating.Items[0].Lesson.Id);
        Assert.Equal(BeiyingSecondLesson, byRating.Items[1].Lesson.Id);
    }

    [Fact]
    public async Task Search_Pages_DoNotOverlapAndKeepTheTotal()
    {
        var first = await SearchAsync(null, sort: LessonSort.MostViewed, page: 1, pageSize: 3);
        var second = await SearchAsync(null, sort: LessonSort.MostViewed, page: 2, pageSize: 3);
        var third = await SearchAsync(null, sort: LessonSort.MostViewed, page: 3, pageSize: 3);

        Assert.Equal(7, first.Total);
        Assert.Equal(7, third.Total);
        Assert.Equal(7, first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Lesson.Id).Distinct().Count());
    }

    [Fact]
    public async Task Search_NothingMatches_ReturnsNoLessons()
    {
        var result = await SearchAsync("量子力学");

        Assert.Equal(0, result.Total);
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Upsert_ChangedTitle_IsSearchableAtOnceAndOldTitleIsGone()
    {
        var sanxia = Library().Single(l => l.Id == Sanxia);
        await Index.UpsertAsync([sanxia with { Title = "三峡（郦道元）", Views = 5000 }], CancellationToken.None);

        var result = await SearchAsync("郦道元");
        Assert.Equal(Sanxia, result.Items[0].Lesson.Id);
        Assert.Equal("三峡（郦道元）", result.Items[0].Lesson.Title);
        Assert.Equal(Library().Count(), (await SearchAsync(null)).Total);
        Assert.Equal(Sanxia, (await SearchAsync(null, sort: LessonSort.MostViewed)).Items[0].Lesson.Id);
    }

    [Fact]
    public async Task Upsert_ChangedRegion_FiltersAndFacetsFollowTheNewValue()
    {
        var sanxia = Library().Single(l => l.Id == Sanxia);
        await Index.UpsertAsync([sanxia with { Region = "济南市" }], CancellationToken.None);

        Assert.Equal(0, (await SearchAsync(null, new() { ["region"] = "淄博市" })).Total);
        var jinan = await SearchAsync(null, new() { ["region"] = "济南市", ["subject"] = "语文" });
        Assert.Equal([BeiyingBySpecialTeacher, MentionsBeiying, Sanxia], jinan.Items.Select(i => i.Lesson.Id).Order());
        Assert.DoesNotContain(jinan.Facets["region"], f => f.Value == "淄博市");
        Assert.Equal(Sanxia, (await SearchAsync("三峡", new() { ["region"] = "济南市" })).Items.Single().Lesson.Id);
    }

    [Fact]
    public async Task Delete_Lesson_NeverAppearsAgain()
    {
        await Index.DeleteAsync(Pythagoras, CancellationToken.None);

        Assert.Equal(0, (await SearchAsync("勾股定理")).Total);
        Assert.Equal(Library().Count() - 1, await Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Search_Exclude_LeavesThoseLessonsOut()
    {
        var result = await Index.SearchAsync(new LessonQuery("背影", new Dictionary<string, string>(), Exclude: [BeiyingBySpecialTeacher]), CancellationToken.None);

        Assert.DoesNotContain(BeiyingBySpecialTeacher, result.Items.Select(i => i.Lesson.Id));
        Assert.Contains(BeiyingSecondLesson, result.Items.Select(i => i.Lesson.Id));
    }

    [Fact]
    public async Task Audience_OnlyViewersSharingAToken_FindTheLesson()
    {
        Guid school = Guid.NewGuid(), otherSchool = Guid.NewGuid(), teacher = Guid.NewGuid();
        var schoolOnly = Library().Single(l => l.Id == Pythagoras) with { Audience = Audiences.OfLesson(Media.Streaming.Contracts.AccessLevel.School, school, teacher) };
        await Index.UpsertAsync([schoolOnly], CancellationToken.None);
        IReadOnlyCollection<string> outsider = [Audiences.Public, Audiences.SignedIn, Audiences.Organisation(otherSchool)];
        IReadOnlyCollection<string> colleague = [Audiences.Public, Audiences.SignedIn, Audiences.Organisation(school)];
        IReadOnlyCollection<string> anonymous = [Audiences.Public];

        async Task<List<Guid>> FoundAsync(IReadOnlyCollection<string>? viewer, string text) =>
            (await Index.SearchAsync(new LessonQuery(text, new Dictionary<string, string>(), Audience: viewer), CancellationToken.None)).Items.Select(i => i.Lesson.Id).ToList();

        Assert.DoesNotContain(Pythagoras, await FoundAsync(outsider, "勾股定理"));
        Assert.DoesNotContain(Pythagoras, await FoundAsync(outsider, ""));
        Assert.Empty(await Index.CompleteAsync("勾股", 5, outsider, CancellationToken.None));
        Assert.Contains(Pythagoras, await FoundAsync(colleague, "勾股定理"));
        Assert.Contains(Pythagoras, await FoundAsync([Audiences.User(teacher)], "勾股定理"));
        Assert.Contains(Pythagoras, await FoundAsync(null, "勾股定理"));
        Assert.Equal("勾股定理的证明", (await Index.CompleteAsync("勾股", 5, colleague, CancellationToken.None))[0].Title);
        // Lessons open to everyone signed in are found by signed-in viewers, not by anonymous ones.
        Assert.Contains(BeiyingBySpecialTeacher, await FoundAsync(outsider, "背影"));
        Assert.Empty(await FoundAsync(anonymous, "背影"));
    }

    [Fact]
    public async Task Complete_Prefix_SuggestsTitlesStartingWithIt()
    {
        var suggestions = await Index.CompleteAsync("勾股", 5, null, CancellationToken.None);

        Assert.Equal("勾股定理的证明", suggestions[0].Title);
    }

    [Fact]
    public async Task Complete_OneWrongCharacter_StillSuggestsTheTitle()
    {
        var suggestions = await Index.CompleteAsync("勾股定里的证", 5, null, CancellationToken.None);

        Assert.Contains(suggestions, s => s.Id == Pythagoras);
    }

    [Fact]
    public async Task Complete_MisspelledEnglishWord_StillSuggestsTheTitle()
    {
        var suggestions = await Index.CompleteAsync("photosynthesys", 5, null, CancellationToken.None);

        Assert.Contains(suggestions, s => s.Id == Photosynthesis);
    }

    [Fact]
    public async Task ReplaceAll_NewSet_ReplacesTheOldOne()
    {
        var count = await Index.ReplaceAllAsync(Library().Take(2).ToAsyncEnumerable(), CancellationToken.None);

        Assert.Equal(2, count);
        Assert.Equal(2, (await SearchAsync(null)).Total);
    }

    private static readonly Guid RightTriangles = Guid.Parse("00000000-0000-0000-0000-000000000008");

    /// <summary>A lesson whose title and description never name the Pythagorean theorem: only its slides and captions do.</summary>
    private static LessonDocument SaidAndShown() =>
        Doc(RightTriangles, "直角三角形的性质", "初中", "八年级", "数学", "北师大版", "八年级上册", "第一章", "直角三角形", "孙立新", null, "德州市", views: 1,
            description: "探究直角三角形三边的关系。") with
        {
            Transcript =
            [
                new(12, 15.5, "同学们请看黑板", LessonTextSources.Captions),
                new(40, 70, "勾股定理的证明", LessonTextSources.Screen),
                new(70, 90, "课堂小结", LessonTextSources.Screen),
            ],
        };

    [Fact]
    public async Task Search_WordsShownOnASlide_FindTheLessonWithTheTimeTheyAppear()
    {
        await Index.UpsertAsync([SaidAndShown()], CancellationToken.None);

        var result = await SearchAsync("勾股定理");

        Assert.Equal(Pythagoras, result.Items[0].Lesson.Id);
        var inside = Assert.Single(result.Items, i => i.Lesson.Id == RightTriangles);
        var moment = Assert.Single(inside.Moments);
        Assert.Equal(40, moment.StartSeconds);
        Assert.Equal(LessonTextSources.Screen, moment.Source);
        Assert.Contains("<em>勾股定理</em>", moment.Highlight, StringComparison.Ordinal);
        Assert.Empty(result.Items[0].Moments);
    }

    [Fact]
    public async Task Search_ACaptionLine_FindsTheLessonAtThatLine()
    {
        await Index.UpsertAsync([SaidAndShown()], CancellationToken.None);

        var result = await SearchAsync("同学们请看黑板");

        var hit = Assert.Single(result.Items);
        Assert.Equal(RightTriangles, hit.Lesson.Id);
        Assert.Equal(12, Assert.Single(hit.Moments).StartSeconds);
        Assert.Equal(LessonTextSources.Captions, hit.Moments[0].Source);
    }

    [Fact]
    public async Task Upsert_TextRemoved_NoLongerFindsTheLessonByIt()
    {
        await Index.UpsertAsync([SaidAndShown()], CancellationToken.None);
        await Index.UpsertAsync([SaidAndShown() with { Transcript = [] }], CancellationToken.None);

        Assert.Equal(0, (await SearchAsync("同学们请看黑板")).Total);
    }
}
