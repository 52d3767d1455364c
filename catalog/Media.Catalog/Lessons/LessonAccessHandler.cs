using Media.Catalog.Search;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Lessons;

/// <summary>Shows a lesson's metadata to the people who may watch it: its access level and the school or city it names (idempotent).</summary>
internal sealed class LessonAccessHandler(CatalogDbContext db, UserDirectory users, LessonIndexer indexer) : IHandles<LessonAccessChanged>
{
    public async Task HandleAsync(LessonAccessChanged domainEvent, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == domainEvent.LessonId, cancellationToken);
        if (lesson is null)
        {
            return;
        }

        var kind = domainEvent.Access switch
        {
            AccessLevel.School => OrganisationKind.School,
            AccessLevel.Region => OrganisationKind.City,
            _ => (OrganisationKind?)null,
        };
        var lineage = kind is not null && lesson.OrganisationId is { } organisation ? await users.GetLineageAsync(organisation, cancellationToken) : [];
        lesson.Access = AccessLevels.NameOf(domainEvent.Access);
        lesson.AccessScope = lineage.FirstOrDefault(o => o.Kind == kind)?.Id;
        await db.SaveChangesAsync(cancellationToken);
        await indexer.IndexAsync(lesson, cancellationToken);
    }
}
