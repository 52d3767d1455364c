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
using Media.Streaming.Contracts;

namespace Media.Catalog.Engagement;

/// <summary>Star ratings and favourites of signed-in users, and the counts shown on every lesson.</summary>
internal static class EngagementEndpoints
{
    public static IEndpointRouteBuilder MapEngagementEndpoints(this IEndpointRouteBuilder routes)
    {
        var lesson = routes.MapGroup("/api/lessons/{id:guid}").WithTags("Catalog").RequireAuthorization();
        lesson.MapGet("/engagement", GetAsync).WithSummary("Views, downloads, average rating, and the caller's own rating and favourite");
        lesson.MapPut("/rating", RateAsync).WithSummary("Rate the lesson 1–5 stars (rating again replaces the caller's rating)");
        lesson.MapPut("/favourite", AddFavouriteAsync).WithSummary("Add the lesson to the caller's favourites");
        lesson.MapDelete("/favourite", RemoveFavouriteAsync).WithSummary("Remove the lesson from the caller's favourites");
        routes.MapGet("/api/me/favourites", FavouritesAsync).WithTags("Catalog").RequireAuthorization().WithSummary("The caller's favourite lessons, newest first");
        routes.MapGet("/api/me/continue-watching", ContinueWatchingAsync).WithTags("Catalog").RequireAuthorization()
            .WithSummary("Lessons the caller started and has not finished, last watched first, with where they stopped (at most take, 1–30, default 8)");
        return routes;
    }

    internal static async Task<Results<Ok<EngagementDto>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, CancellationToken cancellationToken)
    {
        var lesson = await visibility.PublishedForAsync(id, user, cancellationToken);
        return lesson is null ? Problems.NotFound($"No published lesson {id}.") : TypedResults.Ok(await DtoAsync(db, lesson, user.UserId()!.Value, cancellationToken));
    }

    internal static async Task<Results<Ok<EngagementDto>, ProblemHttpResult>> RateAsync(
        Guid id, RatingRequest request, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, LessonIndexer indexer, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Stars is < 1 or > 5)
        {
            return Problems.Validation("stars must be a whole number from 1 to 5.");
        }

        var lesson = await visibility.PublishedForAsync(id, user, cancellationToken);
        if (lesson is null)
        {
            return Problems.NotFound($"No published lesson {id}.");
        }

        var userId = user.UserId()!.Value;
        var rating = await db.Ratings.FirstOrDefaultAsync(r => r.LessonId == id && r.UserId == userId, cancellationToken);
        if (rating is null)
        {
            rating = new LessonRating { LessonId = id, UserId = userId };
            db.Ratings.Add(rating);
        }

        rating.Stars = request.Stars;
        rating.RatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // Totals are recounted rather than incremented, so that two concurrent ratings cannot lose one.
        var totals = await db.Ratings.Where(r => r.LessonId == id).GroupBy(r => r.LessonId)
            .Select(g => new { Count = g.Count(), Sum = g.Sum(r => r.Stars) }).FirstAsync(cancellationToken);
        await db.Lessons.Where(l => l.Id == id)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.RatingCount, totals.Count).SetProperty(x => x.RatingSum, totals.Sum), cancellationToken);
        await indexer.RefreshAsync(id, cancellationToken);
        lesson.RatingCount = totals.Count;
        lesson.RatingSum = totals.Sum;
        return TypedResults.Ok(await DtoAsync(db, lesson, userId, cancellationToken));
    }

    internal static async Task<Results<Ok<EngagementDto>, ProblemHttpResult>> AddFavouriteAsync(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, TimeProvider time, CancellationToken cancellationToken)
    {
        var lesson = await visibility.PublishedForAsync(id, user, cancellationToken);
        if (lesson is null)
        {
            return Problems.NotFound($"No published lesson {id}.");
        }

        var userId = user.UserId()!.Value;
        if (!await db.Favourites.AnyAsync(f => f.UserId == userId && f.LessonId == id, cancellationToken))
        {
            db.Favourites.Add(new Favourite { UserId = userId, LessonId = id, AddedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same user added it twice at once: it is a favourite either way.
                db.ChangeTracker.Clear();
            }
        }

        return TypedResults.Ok(await DtoAsync(db, lesson, userId, cancellationToken));
    }

    internal static async Task<Results<Ok<EngagementDto>, ProblemHttpResult>> RemoveFavouriteAsync(
        Guid id, ClaimsPrincipal user, CatalogDbContext db, LessonVisibility visibility, CancellationToken cancellationToken)
    {
        var userId = user.UserId()!.Value;
        await db.Favourites.Where(f => f.UserId == userId && f.LessonId == id).ExecuteDeleteAsync(cancellationToken);
        var lesson = await visibility.PublishedForAsync(id, user, cancellationToken);
        return lesson is null ? Problems.NotFound($"No published lesson {id}.") : TypedResults.Ok(await DtoAsync(db, lesson, userId, cancellationToken));
    }

    internal static async Task<Ok<List<SearchItemDto>>> FavouritesAsync(ClaimsPrincipal user, CatalogDbContext db, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        var userId = user.UserId()!.Value;
        var favourites = await db.Favourites.AsNoTracking().Where(f => f.UserId == userId).OrderByDescending(f => f.AddedAt)
            .Select(f => f.LessonId).Take(500).ToListAsync(cancellationToken);
        var lessons = await db.Lessons.AsNoTracking().Where(l => favourites.Contains(l.Id) && l.Status == LessonStatus.Published)
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var seeing = await viewer.OfAsync(user, cancellationToken);
        return TypedResults.Ok(favourites.Where(lessons.ContainsKey).Select(f => LessonIndexer.ToDocument(lessons[f]))
            .Where(lesson => seeing.Sees(lesson.Id, lesson.Audience)).Select(lesson => SearchItemDto.Of(lesson)).ToList());
    }

    internal static async Task<Ok<List<ContinueWatchingDto>>> ContinueWatchingAsync(
        int? take, ClaimsPrincipal user, IViewingHistory history, CatalogDbContext db, ViewerAudience viewer, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(take ?? 8, 1, 30);
        // Barely begun (under 10 s) is not "continue": the player would start at the beginning anyway.
        var unfinished = (await history.RecentAsync(user.UserId()!.Value, count * 2, cancellationToken))
            .Where(w => !w.Completed && w.PositionSeconds >= 10 && w.DurationSeconds > 0).ToList();
        var ids = unfinished.Select(w => w.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.Id) && l.Status == LessonStatus.Published).ToDictionaryAsync(l => l.Id, cancellationToken);
        var seeing = await viewer.OfAsync(user, cancellationToken);
        return TypedResults.Ok(unfinished.Where(w => lessons.ContainsKey(w.LessonId))
            .Select(w => (Watched: w, Document: LessonIndexer.ToDocument(lessons[w.LessonId])))
            .Where(x => seeing.Sees(x.Document.Id, x.Document.Audience))
            .Take(count)
            .Select(x => new ContinueWatchingDto(SearchItemDto.Of(x.Document), x.Watched.PositionSeconds, x.Watched.DurationSeconds, x.Watched.LastWatchedAt))
            .ToList());
    }

    private static async Task<EngagementDto> DtoAsync(CatalogDbContext db, Lesson lesson, Guid userId, CancellationToken cancellationToken)
    {
        var mine = await db.Ratings.AsNoTracking().Where(r => r.LessonId == lesson.Id && r.UserId == userId).Select(r => (int?)r.Stars).FirstOrDefaultAsync(cancellationToken);
        var favourite = await db.Favourites.AnyAsync(f => f.UserId == userId && f.LessonId == lesson.Id, cancellationToken);
        var favourites = await db.Favourites.CountAsync(f => f.LessonId == lesson.Id, cancellationToken);
        return new EngagementDto(lesson.Views, lesson.Downloads, lesson.AverageRating, lesson.RatingCount, favourites, mine, favourite);
    }
}

internal sealed record RatingRequest(int Stars);

/// <param name="Views">One per viewer per day.</param>
/// <param name="Downloads">Downloads of the offline MP4.</param>
/// <param name="AverageRating">Mean stars, 0 when nobody rated.</param>
/// <param name="RatingCount">How many rated.</param>
/// <param name="Favourites">How many users keep it in their favourites.</param>
/// <param name="MyRating">The caller's stars, if they rated.</param>
/// <param name="IsFavourite">Whether it is among the caller's favourites.</param>
internal sealed record EngagementDto(int Views, int Downloads, double AverageRating, int RatingCount, int Favourites, int? MyRating, bool IsFavourite);

/// <summary>A lesson to go on with: the lesson as search lists it, where the caller stopped, its length, and when they last watched.</summary>
internal sealed record ContinueWatchingDto(SearchItemDto Lesson, double PositionSeconds, double DurationSeconds, DateTimeOffset LastWatchedAt);
