using Media.Catalog.Lessons;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Platform.Errors;
using Media.Catalog.Data;

namespace Media.Catalog.Taxonomy;

/// <summary>
/// Which lessons of the textbooks have no award at a level yet (what the next campaign should target), per edition,
/// optionally within a region, stage, subject or edition.
/// </summary>
internal static class CoverageEndpoints
{
    public const int MaxListed = 1000;

    public static IEndpointRouteBuilder MapCoverageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/catalog/coverage", CoverageAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("Textbook lessons (课) without a published lesson awarded at ?award= (e.g. 市级优课) or above, per edition; filters stage, subject, edition, region");
        return routes;
    }

    internal static async Task<Results<Ok<CoverageDto>, ProblemHttpResult>> CoverageAsync(
        string? award, string? stage, string? subject, string? edition, string? region, CatalogDbContext db, CancellationToken cancellationToken)
    {
        var rank = Array.IndexOf(LessonAwardHandler.Order, award);
        if (rank < 0)
        {
            return Problems.Validation($"award is one of {string.Join(", ", LessonAwardHandler.Order)}.");
        }

        var awarded = LessonAwardHandler.Order[rank..];
        var query = db.Lessons.AsNoTracking().Where(l => l.Status == LessonStatus.Published && l.AwardLevel != null && awarded.Contains(l.AwardLevel));
        if (!string.IsNullOrWhiteSpace(region))
        {
            query = query.Where(l => l.Region != null && l.Region.Contains(region));
        }

        var lessons = await query.Select(l => new[] { l.Stage, l.Grade, l.Subject, l.Edition, l.Volume, l.Unit, l.LessonName }).ToListAsync(cancellationToken);
        var nodes = await db.TaxonomyNodes.AsNoTracking().ToListAsync(cancellationToken);
        var children = nodes.ToLookup(n => n.ParentId);
        var filters = new Dictionary<TaxonomyLevel, string?> { [TaxonomyLevel.Stage] = stage, [TaxonomyLevel.Subject] = subject, [TaxonomyLevel.Edition] = edition };
        var uncovered = new List<UncoveredDto>();
        var editions = new Dictionary<string, (int Lessons, int Covered)>(StringComparer.Ordinal);

        // Walks the table of contents keeping, at each node, the awarded lessons whose names agree with the path so far.
        void Walk(Guid? parentId, List<string?[]> matching, List<string> path, string? editionName)
        {
            foreach (var node in children[parentId].OrderBy(n => n.Position).ThenBy(n => n.Name, StringComparer.Ordinal))
            {
                if (filters.TryGetValue(node.Level, out var wanted) && !string.IsNullOrWhiteSpace(wanted) && node.Name != wanted.Trim())
                {
                    continue;
                }

                var mine = matching.Where(l => l[(int)node.Level] == node.Name).ToList();
                var here = node.Level == TaxonomyLevel.Edition ? node.Name : editionName;
                path.Add(node.Name);
                if (node.Level == TaxonomyLevel.Lesson)
                {
                    var counts = editions.GetValueOrDefault(here ?? "—");
                    editions[here ?? "—"] = (counts.Lessons + 1, counts.Covered + (mine.Count > 0 ? 1 : 0));
                    if (mine.Count == 0)
                    {
                        uncovered.Add(new UncoveredDto(node.Id, string.Join(" / ", path)));
                    }
                }
                else
                {
                    Walk(node.Id, mine, path, here);
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(null, lessons, [], null);
        var total = editions.Values.Sum(e => e.Lessons);
        return TypedResults.Ok(new CoverageDto(
            LessonAwardHandler.Order[rank], total, total - uncovered.Count,
            editions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EditionCoverageDto(e.Key, e.Value.Lessons, e.Value.Covered)).ToList(),
            uncovered.Take(MaxListed).ToList(), uncovered.Count > MaxListed));
    }
}

internal sealed record UncoveredDto(Guid NodeId, string Path);

internal sealed record EditionCoverageDto(string Edition, int Lessons, int Covered);

/// <summary>How many textbook lessons (课) have an awarded lesson, per edition, and the first <see cref="CoverageEndpoints.MaxListed"/> that have none.</summary>
internal sealed record CoverageDto(string Award, int Lessons, int Covered, List<EditionCoverageDto> ByEdition, List<UncoveredDto> Uncovered, bool Truncated);
