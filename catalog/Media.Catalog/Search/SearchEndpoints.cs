using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Media.Catalog.Search;

internal static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/catalog").WithTags("Catalog").RequireAuthorization();
        group.MapGet("/search", SearchAsync)
            .WithSummary("Search published lessons: q, facet filters (stage, grade, subject, edition, volume, unit, lesson, award, teacherTitle, region, school, teacher, year, tag), sort=relevance|newest|views|rating, page, pageSize");
        group.MapGet("/complete", CompleteAsync).WithSummary("Title completions for what has been typed so far (tolerates one wrong character)");
        group.MapPost("/index/rebuild", RebuildAsync).RequireAuthorization(Policies.Admin).WithSummary("Rebuild the search index from the database (administrators)");
        return routes;
    }

    internal static async Task<Results<Ok<SearchResultDto>, ProblemHttpResult>> SearchAsync(
        HttpRequest request, ILessonIndex index, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        var parameters = request.Query;
        var filters = new Dictionary<string, string>();
        foreach (var field in LessonFields.Filters)
        {
            if (parameters.TryGetValue(field, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                filters[field] = value.ToString().Trim();
            }
        }

        var unknown = parameters.Keys.Except(LessonFields.Filters.Concat(["q", "page", "pageSize", "sort"]), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return Problems.Validation($"Unknown search parameter(s): {string.Join(", ", unknown)}. Filters: {string.Join(", ", LessonFields.Filters)}.");
        }

        if (!TryInt(parameters["page"], 1, 1, 10_000, out var page) || !TryInt(parameters["pageSize"], 20, 1, 100, out var pageSize))
        {
            return Problems.Validation("page must be 1–10000 and pageSize 1–100.");
        }

        if (!Sorts.TryGetValue(parameters["sort"].ToString() is { Length: > 0 } s ? s : "relevance", out var sort))
        {
            return Problems.Validation($"sort must be one of: {string.Join(", ", Sorts.Keys)}.");
        }

        var q = parameters["q"].ToString();
        if (q.Length > 200)
        {
            return Problems.Validation("q is limited to 200 characters.");
        }

        var seeing = await viewer.OfAsync(request.HttpContext.User, cancellationToken);
        var result = await index.SearchAsync(seeing.Narrow(new LessonQuery(q, filters, sort, page, pageSize)), cancellationToken);
        return TypedResults.Ok(new SearchResultDto(
            result.Total, page, pageSize,
            result.Items.Select(SearchItemDto.Of).ToList(),
            result.Facets.ToDictionary(f => f.Key, f => f.Value.Select(v => new FacetValueDto(v.Value, v.Count)).ToList())));
    }

    internal static async Task<Results<Ok<List<TitleSuggestion>>, ProblemHttpResult>> CompleteAsync(
        string? prefix, int? take, ClaimsPrincipal user, ILessonIndex index, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(prefix) || prefix.Length > 100)
        {
            return Problems.Validation("prefix must be 1–100 characters.");
        }

        var count = Math.Clamp(take ?? 8, 1, 20);
        var seeing = await viewer.OfAsync(user, cancellationToken);
        var suggestions = await index.CompleteAsync(prefix, count + seeing.Judging.Count, seeing.Audience, cancellationToken);
        return TypedResults.Ok(suggestions.Where(s => !seeing.Judging.Contains(s.Id)).Take(count).ToList());
    }

    internal static async Task<Ok<RebuildDto>> RebuildAsync(LessonIndexer indexer, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RebuildDto(await indexer.RebuildAsync(cancellationToken)));

    private static readonly Dictionary<string, LessonSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = LessonSort.Relevance,
        ["newest"] = LessonSort.Newest,
        ["views"] = LessonSort.MostViewed,
        ["rating"] = LessonSort.Rating,
    };

    private static bool TryInt(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}

internal sealed record SearchResultDto(long Total, int Page, int PageSize, List<SearchItemDto> Items, Dictionary<string, List<FacetValueDto>> Facets);

internal sealed record FacetValueDto(string Value, long Count);

internal sealed record RebuildDto(long Indexed);

/// <summary>
/// One search result; <c>highlight</c> and <c>snippet</c> are HTML with matched words in &lt;em&gt;. <c>moments</c>: where
/// inside the lesson the words are said (captions) or shown (on-screen text), each with its time and the line as HTML;
/// the player opens there with <c>/lessons/{id}?t={startSeconds}</c>.
/// </summary>
internal sealed record SearchItemDto(
    Guid Id,
    string Title,
    string Highlight,
    string? Snippet,
    string? Teacher,
    string? TeacherTitle,
    string? School,
    string? Region,
    string? Stage,
    string? Grade,
    string? Subject,
    string? Edition,
    string? Volume,
    string? Unit,
    string? Lesson,
    string? AwardLevel,
    int? Year,
    IReadOnlyList<string> Tags,
    double DurationSeconds,
    DateTimeOffset PublishedAt,
    int Views,
    int Downloads,
    double Rating,
    int RatingCount,
    IReadOnlyList<LessonMoment> Moments,
    bool HasVideo)
{
    internal static SearchItemDto Of(LessonSearchHit hit) => Of(hit.Lesson, hit.Highlight, hit.Snippet, hit.Moments);

    internal static SearchItemDto Of(LessonDocument l, string? highlight = null, string? snippet = null, IReadOnlyList<LessonMoment>? moments = null) => new(
        l.Id, l.Title, highlight ?? System.Net.WebUtility.HtmlEncode(l.Title), snippet, l.Teacher, l.TeacherTitle, l.School, l.Region,
        l.Stage, l.Grade, l.Subject, l.Edition, l.Volume, l.Unit, l.Lesson, l.AwardLevel, l.Year, l.Tags, l.DurationSeconds,
        l.PublishedAt, l.Views, l.Downloads, l.Rating, l.RatingCount, moments ?? [], l.HasVideo);
}
