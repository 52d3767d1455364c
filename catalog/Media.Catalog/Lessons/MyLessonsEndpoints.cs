using System.Security.Claims;
using Media.Catalog.Data;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>
/// A teacher's own lessons in every state (uploads, recordings from live classes, bulk imports and clips alike), so
/// that one still transcoding or failed is found as easily as a published one; the search only holds published lessons.
/// </summary>
internal static class MyLessonsEndpoints
{
    internal const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapMyLessonsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/me/lessons", MineAsync).WithTags("Lessons").RequireAuthorization(Policies.TeacherOrAbove)
            .WithSummary("The caller's lessons, newest first, optionally of one status (draft|processing|published|failed) and with words of the title (q); with the count per status");
        return routes;
    }

    internal static async Task<Results<Ok<MyLessonsDto>, ProblemHttpResult>> MineAsync(
        ClaimsPrincipal user, CatalogDbContext db, CancellationToken cancellationToken, string? status = null, string? q = null, int page = 1, int pageSize = 20)
    {
        LessonStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<LessonStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Validation("status must be one of draft, processing, published, failed.");
            }

            only = parsed;
        }

        if (page < 1 || pageSize is < 1 or > MaxPageSize || q?.Length > 200)
        {
            return Problems.Validation($"page starts at 1, pageSize is 1–{MaxPageSize} and q at most 200 characters.");
        }

        var owner = user.UserId();
        var mine = db.Lessons.AsNoTracking().Where(l => l.OwnerId == owner);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = q.Trim();
            mine = mine.Where(l => l.Title.Contains(words));
        }

        var counts = await mine.GroupBy(l => l.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<LessonStatus>().ToDictionary(
            s => s.ToString().ToLowerInvariant(), s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
        if (only is { } wanted)
        {
            mine = mine.Where(l => l.Status == wanted);
        }

        var lessons = await mine.OrderByDescending(l => l.CreatedAt).ThenBy(l => l.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var total = only is { } counted ? byStatus[counted.ToString().ToLowerInvariant()] : byStatus.Values.Sum();
        return TypedResults.Ok(new MyLessonsDto(total, page, pageSize, byStatus, lessons.Select(LessonDto.Of).ToList()));
    }
}

/// <summary>A page of the caller's lessons; <see cref="Counts"/> holds every status (with the title filter, not the status one).</summary>
internal sealed record MyLessonsDto(int Total, int Page, int PageSize, Dictionary<string, int> Counts, List<LessonDto> Items);
