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

    public async Task<bool> SeesAsync(Lesson lesson, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (lesson.OwnerId == user.UserId())
        {
            return true;
        }

        var seeing = await viewers.OfAsync(user, cancellationToken);
        return !seeing.Judging.Contains(lesson.Id)
            && (user.IsInRole(Roles.Admin) || (lesson.Status == LessonStatus.Published && seeing.Sees(lesson.Id, LessonIndexer.AudienceOf(lesson))));
    }
}
