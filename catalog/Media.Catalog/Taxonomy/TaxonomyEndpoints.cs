using Media.Platform.Events;
using System.Security.Claims;
using Media.Catalog.Lessons;
using Media.Catalog.Search;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Taxonomy;

/// <summary>The textbook table of contents: browse it with lesson counts, export and import it as JSON, place lessons in it.</summary>
internal static class TaxonomyEndpoints
{
    public const int MaxNodes = 200_000;

    public static IEndpointRouteBuilder MapTaxonomyEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/catalog/taxonomy").WithTags("Catalog").RequireAuthorization();
        group.MapGet("/", GetAsync).WithSummary("The taxonomy tree with the number of published lessons under every node (also the export format)");
        group.MapPut("/", ImportAsync).RequireAuthorization(Policies.Admin).WithSummary("Replace the taxonomy with a tree in the export format (administrators)");
        routes.MapPut("/api/lessons/{id:guid}/placement", PlaceAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("Attach a lesson to a 课 or 单元 node; its stage, grade, subject, edition, volume, unit and lesson names follow the node");
        return routes;
    }

    internal static async Task<Ok<List<TaxonomyNodeDto>>> GetAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var nodes = await db.TaxonomyNodes.AsNoTracking().ToListAsync(cancellationToken);
        var groups = await db.Lessons.AsNoTracking().Where(l => l.Status == LessonStatus.Published)
            .GroupBy(l => new { l.Stage, l.Grade, l.Subject, l.Edition, l.Volume, l.Unit, l.LessonName })
            .Select(g => new LessonGroup(new[] { g.Key.Stage, g.Key.Grade, g.Key.Subject, g.Key.Edition, g.Key.Volume, g.Key.Unit, g.Key.LessonName }, g.Count()))
            .ToListAsync(cancellationToken);
        var children = nodes.ToLookup(n => n.ParentId);
        List<TaxonomyNodeDto> Build(Guid? parentId, List<LessonGroup> matching) =>
            children[parentId].OrderBy(n => n.Position).ThenBy(n => n.Name, StringComparer.Ordinal).Select(n =>
            {
                var mine = matching.Where(g => g.Names[(int)n.Level] == n.Name).ToList();
                return new TaxonomyNodeDto(n.Id, LevelName(n.Level), n.Name, mine.Sum(g => g.Count), Build(n.Id, mine));
            }).ToList();
        return TypedResults.Ok(Build(null, groups));
    }

    internal static async Task<Results<Ok<ImportResultDto>, ProblemHttpResult>> ImportAsync(
        List<TaxonomyNodeDto> tree, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var nodes = new List<TaxonomyNode>();
        var problem = Flatten(tree, null, null, nodes, []);
        if (problem is not null)
        {
            return Problems.Validation(problem);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TaxonomyNodes.ExecuteDeleteAsync(cancellationToken);
        db.TaxonomyNodes.AddRange(nodes);
        await db.SaveChangesAsync(cancellationToken);
        // Lessons keep their names; a lesson whose node is gone is simply no longer attached to a node.
        var ids = nodes.Select(n => n.Id).ToHashSet();
        var orphans = await db.Lessons.Where(l => l.TaxonomyNodeId != null).Select(l => l.TaxonomyNodeId!.Value).Distinct().ToListAsync(cancellationToken);
        var gone = orphans.Where(id => !ids.Contains(id)).ToList();
        if (gone.Count > 0)
        {
            await db.Lessons.Where(l => l.TaxonomyNodeId != null && gone.Contains(l.TaxonomyNodeId.Value))
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.TaxonomyNodeId, (Guid?)null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new ImportResultDto(nodes.Count));
    }

    internal static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> PlaceAsync(
        Guid id, PlacementDto placement, ClaimsPrincipal user, CatalogDbContext db, LessonIndexer indexer, DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No lesson {id} of yours.");
        }

        var nodes = await db.TaxonomyNodes.AsNoTracking().ToDictionaryAsync(n => n.Id, cancellationToken);
        if (!nodes.TryGetValue(placement.NodeId, out var node) || node.Level < TaxonomyLevel.Unit)
        {
            return Problems.Validation($"nodeId must name a 单元 (unit) or 课 (lesson) node of the taxonomy.");
        }

        var names = new string?[7];
        for (TaxonomyNode? at = node; at is not null; at = at.ParentId is { } parent ? nodes[parent] : null)
        {
            names[(int)at.Level] = at.Name;
        }

        var before = LessonDetails.Of(lesson, lesson.UpdatedAt);
        (lesson.Stage, lesson.Grade, lesson.Subject, lesson.Edition, lesson.Volume, lesson.Unit, lesson.LessonName) =
            (names[0], names[1], names[2], names[3], names[4], names[5], names[6]);
        lesson.TaxonomyNodeId = node.Id;
        lesson.UpdatedAt = time.GetUtcNow();
        LessonDetails.PublishIfChanged(events, db, before, lesson, lesson.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
        await indexer.RefreshAsync(id, cancellationToken);
        return TypedResults.Ok(LessonDto.Of(lesson));
    }

    private static string? Flatten(List<TaxonomyNodeDto>? tree, Guid? parentId, TaxonomyLevel? parentLevel, List<TaxonomyNode> into, HashSet<Guid> ids)
    {
        if (tree is null)
        {
            return null;
        }

        var position = 0;
        foreach (var dto in tree)
        {
            if (string.IsNullOrWhiteSpace(dto.Name) || dto.Name.Length > 200)
            {
                return "every node needs a name of 1–200 characters.";
            }

            if (!Enum.TryParse<TaxonomyLevel>(dto.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(dto.Level, out _))
            {
                return $"node '{dto.Name}': level must be one of {string.Join(", ", Enum.GetValues<TaxonomyLevel>().Select(LevelName))}.";
            }

            if (parentLevel is { } above && level <= above)
            {
                return $"node '{dto.Name}': a {LevelName(level)} cannot sit under a {LevelName(above)} (levels go stage → grade → subject → edition → volume → unit → lesson).";
            }

            if (into.Count >= MaxNodes)
            {
                return $"a taxonomy has at most {MaxNodes} nodes.";
            }

            // Exported ids are kept so that lessons stay attached across an export, edit and import.
            var id = dto.Id is { } given && given != Guid.Empty && !ids.Contains(given) ? given : Guid.NewGuid();
            ids.Add(id);
            into.Add(new TaxonomyNode { Id = id, ParentId = parentId, Level = level, Name = dto.Name.Trim(), Position = position++ });
            if (Flatten(dto.Children, id, level, into, ids) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string LevelName(TaxonomyLevel level) => level.ToString().ToLowerInvariant();

    private sealed record LessonGroup(string?[] Names, int Count);
}

/// <summary>A taxonomy node; <c>lessons</c> is the number of published lessons under it (ignored on import).</summary>
internal sealed record TaxonomyNodeDto(Guid? Id, string Level, string Name, int? Lessons, List<TaxonomyNodeDto>? Children);

internal sealed record ImportResultDto(int Nodes);

internal sealed record PlacementDto(Guid NodeId);
