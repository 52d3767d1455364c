using System.Runtime.CompilerServices;
using Media.Catalog.Lessons;
using Media.Platform;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Search;

/// <summary>Keeps the index in step with the catalog: published lessons are in it, everything else is not.</summary>
internal sealed class LessonIndexer(CatalogDbContext db, ILessonIndex index, HostRoleAccessor host)
{
    /// <summary>
    /// One writer per lesson at a time in this process, from reading the database to writing the index: two handlers
    /// refreshing the same lesson at once (its captions saved while its publication is indexed) must not let the one
    /// that read first write last, or the index keeps a lesson without the captions it has. Striped, so that it stays
    /// bounded; nothing inside takes another stripe.
    /// </summary>
    private static readonly SemaphoreSlim[] Writers = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private static SemaphoreSlim WriterOf(Guid lessonId) => Writers[(lessonId.GetHashCode() & int.MaxValue) % Writers.Length];

    public async Task RefreshAsync(Guid lessonId, CancellationToken cancellationToken)
    {
        var writer = WriterOf(lessonId);
        await writer.WaitAsync(cancellationToken);
        try
        {
            var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, cancellationToken);
            if (lesson is null)
            {
                await DeleteAsync(lessonId, cancellationToken);
            }
            else
            {
                await WriteAsync(lesson, cancellationToken);
            }
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>Puts the lesson in the index as it is now (in memory, saved or not): published ones in, others out.</summary>
    public async Task IndexAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var writer = WriterOf(lesson.Id);
        await writer.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(lesson, cancellationToken);
        }
        finally
        {
            writer.Release();
        }
    }

    private async Task WriteAsync(Lesson lesson, CancellationToken cancellationToken)
    {
        if (lesson.Status == LessonStatus.Published && OwnsIndex)
        {
            await index.UpsertAsync([ToDocument(lesson) with { Transcript = await TranscriptAsync(lesson.Id, cancellationToken) }], cancellationToken);
        }
        else
        {
            await DeleteAsync(lesson.Id, cancellationToken);
        }
    }

    private Task DeleteAsync(Guid lessonId, CancellationToken cancellationToken) =>
        OwnsIndex ? index.DeleteAsync(lessonId, cancellationToken) : Task.CompletedTask;

    /// <summary>A worker does not own the index (Lucene's lives beside the web process); SearchIndexSync there catches up.</summary>
    private bool OwnsIndex => host.Role != HostRole.Worker;

    /// <summary>Rebuilds the whole index from the database; returns how many lessons it holds.</summary>
    public Task<long> RebuildAsync(CancellationToken cancellationToken) => index.ReplaceAllAsync(PublishedAsync(cancellationToken), cancellationToken);

    public Task<int> PublishedCountAsync(CancellationToken cancellationToken) =>
        db.Lessons.CountAsync(l => l.Status == LessonStatus.Published, cancellationToken);

    private async IAsyncEnumerable<LessonDocument> PublishedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // In pages by id, each with its lessons' timed text in one query: a context runs one query at a time.
        Guid? after = null;
        while (true)
        {
            var page = await db.Lessons.AsNoTracking()
                .Where(l => l.Status == LessonStatus.Published && (after == null || l.Id > after))
                .OrderBy(l => l.Id).Take(RebuildPageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var ids = page.ConvertAll(l => l.Id);
            var texts = (await db.LessonTexts.AsNoTracking().Where(t => ids.Contains(t.LessonId)).ToListAsync(cancellationToken)).ToLookup(t => t.LessonId);
            foreach (var lesson in page)
            {
                yield return ToDocument(lesson) with { Transcript = Transcript(texts[lesson.Id]) };
            }

            after = page[^1].Id;
        }
    }

    private const int RebuildPageSize = 1_000;

    private async Task<IReadOnlyList<TimedLine>> TranscriptAsync(Guid lessonId, CancellationToken cancellationToken) =>
        Transcript(await db.LessonTexts.AsNoTracking().Where(t => t.LessonId == lessonId).ToListAsync(cancellationToken));

    /// <summary>The lesson's timed text from every track, in time order.</summary>
    private static List<TimedLine> Transcript(IEnumerable<LessonTextTrack> tracks) =>
        tracks.SelectMany(t => t.Lines).OrderBy(l => l.StartSeconds).ToList();

    public static LessonDocument ToDocument(Lesson lesson) => new(
        lesson.Id, lesson.Title, lesson.Description, lesson.Teacher, lesson.TeacherTitle, lesson.School, lesson.Region,
        lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition, lesson.Volume, lesson.Unit, lesson.LessonName,
        lesson.AwardLevel, lesson.Year, lesson.Tags, lesson.Chapters.Select(c => c.Title).ToList(), lesson.DurationSeconds,
        lesson.PublishedAt ?? lesson.UpdatedAt, lesson.Views, lesson.Downloads, lesson.AverageRating, lesson.RatingCount, AudienceOf(lesson))
    {
        HasVideo = lesson.HasVideo,
    };

    /// <summary>Who may see the lesson in the catalog (the people who may watch it).</summary>
    public static IReadOnlyList<string> AudienceOf(Lesson lesson) => Audiences.OfLesson(AccessLevels.ParseOrDefault(lesson.Access), lesson.AccessScope, lesson.OwnerId);
}
