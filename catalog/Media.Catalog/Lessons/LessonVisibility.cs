using System.Security.Claims;
using Media.Catalog.Data;
using Media.Catalog.Search;
using Media.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>
/// The one rule for who sees a lesson in the catalog, applied on every path that reads or changes something of it (the
/// lesson page, chapters, engagement, ratings, favourites): its teacher and administrators always; everyone else only a
/// published lesson whose audience they belong to (the same people streaming lets watch it) and that they are not judging
/// blind as a reviewer. Others get 404, as if it did not exist.
/// </summary>
internal sealed class LessonVisibility(CatalogDbContext db, ViewerAudience viewers)
{
    /// <summary>The lesson (not tracked) when the caller may see it, whatever its status for its teacher.</summary>
    public async Task<Lesson?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        return lesson is not null && await SeesAsync(lesson, user, cancellationToken) ? lesson : null;
    }

    /// <summary>The lesson when it is published and the caller may see it (what engagement acts on).</summary>
    public async Task<Lesson?> PublishedForAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await FindAsync(id, user, cancellationToken) is { Status: LessonStatus.Published } lesson ? lesson : null;

    /// <summary>Those of the lessons that are published and that the caller may see, by id (not tracked); the caller's audience is worked out once.</summary>
    public async Task<Dictionary<Guid, Lesson>> PublishedForAsync(IReadOnlyCollection<Guid> ids, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.Id) && l.Status == LessonStatus.Published).ToListAsync(cancellationToken);
        var seeing = await viewers.OfAsync(user, cancellationToken);
        return lessons.Where(l => Sees(l, user, seeing)).ToDictionary(l => l.Id);
    }

    public async Task<bool> SeesAsync(Lesson lesson, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        lesson.OwnerId == user.UserId() || Sees(lesson, user, await viewers.OfAsync(user, cancellationToken));

    private static bool Sees(Lesson lesson, ClaimsPrincipal user, CatalogViewer seeing) =>
        lesson.OwnerId == user.UserId()
        || (!seeing.Judging.Contains(lesson.Id)
            && (user.IsInRole(Roles.Admin) || (lesson.Status == LessonStatus.Published && seeing.Sees(lesson.Id, LessonIndexer.AudienceOf(lesson)))));
}
