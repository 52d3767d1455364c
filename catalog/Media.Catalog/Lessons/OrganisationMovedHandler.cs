using Media.Catalog.Data;
using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Platform.Identity.Admin;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>
/// A school moved to another city: its region-level lessons now show to the new city (their audience scope is the city
/// above the school), in the catalog and its search index. School-level lessons keep their school. Idempotent.
/// </summary>
internal sealed class OrganisationMovedHandler(CatalogDbContext db, UserDirectory users, LessonIndexer indexer) : IHandles<OrganisationMoved>
{
    public async Task HandleAsync(OrganisationMoved domainEvent, CancellationToken cancellationToken)
    {
        var subtree = await users.SubtreeAsync(domainEvent.OrganisationId, cancellationToken);
        var region = AccessLevels.NameOf(AccessLevel.Region);
        var lessons = await db.Lessons.Where(l => l.OrganisationId != null && subtree.Contains(l.OrganisationId.Value) && l.Access == region).ToListAsync(cancellationToken);
        foreach (var lesson in lessons)
        {
            var lineage = await users.GetLineageAsync(lesson.OrganisationId!.Value, cancellationToken);
            lesson.AccessScope = lineage.FirstOrDefault(o => o.Kind == OrganisationKind.City)?.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var lesson in lessons)
        {
            await indexer.IndexAsync(lesson, cancellationToken);
        }
    }
}
