using Media.Catalog.Demo;
using Media.Catalog.Search;
using Media.Testing;

namespace Media.Catalog.Tests;

public sealed class LuceneLessonIndexTests : LessonIndexContract
{
    private readonly TempFolder _folder = new("lucene");

    private protected override Task<ILessonIndex> CreateIndexAsync() => Task.FromResult<ILessonIndex>(new LuceneLessonIndex(_folder.Path));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsTheIndex()
    {
        ((IDisposable)Index).Dispose();
        using var reopened = new LuceneLessonIndex(_folder.Path);

        Assert.Equal(Library().Count(), await reopened.CountAsync(CancellationToken.None));
        Assert.Equal(BeiyingBySpecialTeacher, (await reopened.SearchAsync(new LessonQuery("人教版 背影", new Dictionary<string, string>()), CancellationToken.None)).Items[0].Lesson.Id);
    }

    [Fact]
    public async Task Open_FolderWithOlderIndexLayouts_DeletesThemAndKeepsTheCurrentOne()
    {
        ((IDisposable)Index).Dispose();
        using var folder = new TempFolder("lucene-layouts");
        File.WriteAllText(Path.Combine(folder.Path, "segments_4"), "first layout");
        File.WriteAllText(Path.Combine(folder.Path, "_0.cfs"), "first layout");
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "not the index's");
        Directory.CreateDirectory(Path.Combine(folder.Path, "lessons-v2"));
        File.WriteAllText(Path.Combine(folder.Path, "lessons-v2", "_1.cfs"), "second layout");

        using (var first = new LuceneLessonIndex(folder.Path))
        {
            await first.ReplaceAllAsync(Library().ToAsyncEnumerable(), CancellationToken.None);
        }

        using var reopened = new LuceneLessonIndex(folder.Path);

        Assert.Equal(["notes.txt"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));
        Assert.Equal([LessonIndexSchema.Versioned("lessons")], Directory.EnumerateDirectories(folder.Path).Select(Path.GetFileName));
        Assert.Equal(Library().Count(), await reopened.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Search_CommonTaxonomyWord_FindsEveryLessonHoldingItAndTitlesRepeatingItFirst()
    {
        var lessons = DemoLibrary.Generate(5_000).Select(LessonIndexer.ToDocument).ToList();
        await Index.ReplaceAllAsync(lessons.ToAsyncEnumerable(), CancellationToken.None);
        var edition = lessons.CountBy(l => l.Edition ?? "").MaxBy(c => c.Value).Key;
        var holding = lessons.Where(l => l.Edition == edition).ToList();
        Assert.True(holding.Count > 1_000, $"{edition} ({holding.Count} lessons) must be common enough to take the keyword path");

        var result = await Index.SearchAsync(new LessonQuery(edition, new Dictionary<string, string>(), PageSize: 100), CancellationToken.None);

        Assert.Equal(holding.Count, result.Total);
        Assert.Equal([new FacetCount(edition, holding.Count)], result.Facets["edition"]);
        var titled = holding.Count(l => l.Title.Contains(edition, StringComparison.Ordinal));
        Assert.InRange(titled, 1, holding.Count - 1);
        var ranked = new List<LessonSearchHit>();
        for (var page = 1; ranked.Count <= titled; page++)
        {
            ranked.AddRange((await Index.SearchAsync(new LessonQuery(edition, new Dictionary<string, string>(), Page: page, PageSize: 100), CancellationToken.None)).Items);
        }

        Assert.All(ranked.Take(titled), hit => Assert.Contains(edition, hit.Lesson.Title, StringComparison.Ordinal));
        Assert.DoesNotContain(edition, ranked[titled].Lesson.Title, StringComparison.Ordinal);

        // Facets are counted one hit at a time where few lessons match and by overlaps where many do: both count right.
        foreach (var subject in new[] { holding.CountBy(l => l.Subject ?? "").MaxBy(c => c.Value).Key, holding.CountBy(l => l.Subject ?? "").MinBy(c => c.Value).Key })
        {
            var filtered = await Index.SearchAsync(new LessonQuery(null, new Dictionary<string, string> { ["edition"] = edition, ["subject"] = subject }), CancellationToken.None);
            var expected = holding.Where(l => l.Subject == subject).CountBy(l => l.Grade ?? "").OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new FacetCount(c.Key, c.Value));
            Assert.Equal(expected, filtered.Facets["grade"]);
        }
    }
}
