using System.Security.Claims;
using Media.Catalog.Lessons;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Streaming.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Catalog.Data;

namespace Media.Catalog.Search;

/// <summary>
/// "Related" and "for you" lists built from index queries, each item saying why it was chosen. Only published
/// lessons are in the index, so nothing unpublished can be recommended.
/// </summary>
internal static class Recommendations
{
    public static IEndpointRouteBuilder MapRecommendationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/lessons/{id:guid}/related", RelatedAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("Lessons related to this one: same 课, same 单元, same subject and grade, then similar text; each with its reason");
        routes.MapGet("/api/catalog/for-you", ForYouAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("Recommendations from the caller's recent watching (by subject, grade and edition), leaving out what they finished");
        return routes;
    }

    internal static async Task<Results<Ok<List<RecommendationDto>>, ProblemHttpResult>> RelatedAsync(
        Guid id, int? take, ClaimsPrincipal user, CatalogDbContext db, ILessonIndex index, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        var lesson = await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id && l.Status == LessonStatus.Published, cancellationToken);
        var seeing = await viewer.OfAsync(user, cancellationToken);
        if (lesson is null || !seeing.Sees(lesson.Id, LessonIndexer.AudienceOf(lesson)))
        {
            return Problems.NotFound($"No published lesson {id}.");
        }

        var list = new RecommendationList(Math.Clamp(take ?? 8, 1, 30), [id], seeing);
        var textbook = Filters((LessonFields.Subject, lesson.Subject), (LessonFields.Edition, lesson.Edition), (LessonFields.Volume, lesson.Volume));
        if (lesson.LessonName is not null && lesson.Subject is not null)
        {
            // The same text is often in several editions (背影 is in 统编版, 人教版 and 语文版): all count as the same 课.
            await list.AddAsync(index, Query([], (LessonFields.Subject, lesson.Subject), (LessonFields.Grade, lesson.Grade), (LessonFields.Lesson, lesson.LessonName)),
                $"同一课：《{lesson.LessonName}》", cancellationToken);
        }

        if (lesson.Unit is not null && textbook is not null)
        {
            await list.AddAsync(index, Query(textbook, (LessonFields.Unit, lesson.Unit)), $"同一单元：{lesson.Volume}{lesson.Unit}", cancellationToken);
        }

        if (lesson.Subject is not null && lesson.Grade is not null)
        {
            await list.AddAsync(index, Query([], (LessonFields.Subject, lesson.Subject), (LessonFields.Grade, lesson.Grade)), $"同学科同年级：{lesson.Grade}{lesson.Subject}", cancellationToken);
        }

        await list.AddAsync(index, new LessonQuery(lesson.Title, new Dictionary<string, string>(), WithFacets: false, PageSize: 30, AnyWord: true), "内容相近", cancellationToken);
        return TypedResults.Ok(list.Items);
    }

    internal static async Task<Ok<List<RecommendationDto>>> ForYouAsync(
        int? take, ClaimsPrincipal user, IViewingHistory history, CatalogDbContext db, ILessonIndex index, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(take ?? 10, 1, 30);
        var watched = await history.RecentAsync(user.UserId()!.Value, 20, cancellationToken);
        var finished = watched.Where(w => w.Completed).Select(w => w.LessonId).ToHashSet();
        var ids = watched.Select(w => w.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.Id) && l.Status == LessonStatus.Published).ToDictionaryAsync(l => l.Id, cancellationToken);
        var list = new RecommendationList(count, finished, await viewer.OfAsync(user, cancellationToken));

        foreach (var unfinished in watched.Where(w => !w.Completed && lessons.ContainsKey(w.LessonId)).Take(2))
        {
            list.Add(LessonIndexer.ToDocument(lessons[unfinished.LessonId]), "继续观看：上次没有看完");
        }

        // What the viewer watches most, newest first among equals: subject + grade + edition.
        var interests = watched.Where(w => lessons.ContainsKey(w.LessonId)).Select(w => lessons[w.LessonId])
            .Where(l => l.Subject is not null)
            .GroupBy(l => (l.Subject, l.Grade, l.Edition))
            .OrderByDescending(g => g.Count())
            .Take(3);
        foreach (var interest in interests)
        {
            var example = interest.First();
            await list.AddAsync(index,
                Query([], (LessonFields.Subject, interest.Key.Subject), (LessonFields.Grade, interest.Key.Grade), (LessonFields.Edition, interest.Key.Edition)) with { Sort = LessonSort.MostViewed },
                $"因为你看过《{example.Title}》：{interest.Key.Grade}{interest.Key.Subject}{interest.Key.Edition}", cancellationToken);
        }

        await list.AddAsync(index, new LessonQuery(null, new Dictionary<string, string>(), LessonSort.MostViewed, PageSize: 30, WithFacets: false), "热门课例", cancellationToken);
        return TypedResults.Ok(list.Items);
    }

    private static Dictionary<string, string>? Filters(params (string Field, string? Value)[] pairs) =>
        pairs.Any(p => p.Value is null) ? null : pairs.ToDictionary(p => p.Field, p => p.Value!);

    private static LessonQuery Query(Dictionary<string, string> filters, params (string Field, string? Value)[] more)
    {
        var all = new Dictionary<string, string>(filters);
        foreach (var (field, value) in more.Where(m => m.Value is not null))
        {
            all[field] = value!;
        }

        return new LessonQuery(null, all, LessonSort.MostViewed, PageSize: 30, WithFacets: false);
    }

    /// <summary>Recommendations so far: each lesson once, only lessons the viewer may see, up to the capacity.</summary>
    private sealed class RecommendationList(int capacity, IEnumerable<Guid> excluded, CatalogViewer viewer)
    {
        private readonly HashSet<Guid> _seen = [.. excluded];

        public List<RecommendationDto> Items { get; } = [];

        public void Add(LessonDocument lesson, string reason)
        {
            if (Items.Count < capacity && viewer.Sees(lesson.Id, lesson.Audience) && _seen.Add(lesson.Id))
            {
                Items.Add(new RecommendationDto(SearchItemDto.Of(lesson), reason));
            }
        }

        public async Task AddAsync(ILessonIndex index, LessonQuery query, string reason, CancellationToken cancellationToken)
        {
            if (Items.Count >= capacity)
            {
                return;
            }

            var result = await index.SearchAsync(viewer.Narrow(query with { Exclude = _seen.ToList() }), cancellationToken);
            foreach (var hit in result.Items)
            {
                Add(hit.Lesson, reason);
            }
        }
    }
}

/// <summary>A recommended lesson and why it was recommended.</summary>
internal sealed record RecommendationDto(SearchItemDto Lesson, string Reason);
