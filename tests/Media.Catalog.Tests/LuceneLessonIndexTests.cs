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
}
