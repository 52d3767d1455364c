using System.Globalization;
using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Streaming.Data;

namespace Media.Streaming.Analytics;

/// <summary>
/// Heartbeats from the player (every 10–15 s and on pause) become views (one per viewer, lesson and day),
/// watch time, the furthest point reached and a resume position; teachers see totals and a drop-off curve.
/// </summary>
internal static class AnalyticsEndpoints
{
    /// <summary>A heartbeat may report at most this much watching (the player sends one every 10–15 s).</summary>
    public const double MaxSecondsPerHeartbeat = 60;

    /// <summary>Reaching this share of the lesson counts as completing it …</summary>
    public const double CompletionShare = 0.9;

    /// <summary>… when the viewer has also watched at least this share of it (seeking to the end is not completing).</summary>
    public const double CompletionWatchedShare = 0.5;

    /// <summary>The most a viewer's first heartbeat of the day is credited: the player sends one after 10 s of watching.</summary>
    public const double FirstHeartbeatSeconds = 12;

    /// <summary>The fastest the player plays: a heartbeat is credited at most this many seconds per second since the last.</summary>
    public const double MaxPlaybackRate = 2;

    /// <summary>Watching credited per viewer and day is at most this many times the lesson's length (rewinds included).</summary>
    public const double MaxDailyWatchShare = 2;

    public static bool Completed(double furthestSeconds, double watchedSeconds, double durationSeconds) =>
        furthestSeconds >= durationSeconds * CompletionShare && watchedSeconds >= durationSeconds * CompletionWatchedShare;

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons/{id:guid}").WithTags("Streaming").RequireAuthorization();
        group.MapPost("/heartbeats", HeartbeatAsync).WithSummary("The player reports position and seconds watched since its last heartbeat");
        group.MapGet("/position", PositionAsync).WithSummary("Where the caller stopped watching (for resume)");
        group.MapGet("/analytics", AnalyticsAsync).WithSummary("Views, watch time, completion and drop-off (the lesson's teacher or an administrator)");
        return routes;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> HeartbeatAsync(
        Guid id, Heartbeat heartbeat, ClaimsPrincipal user, StreamingDbContext db, Delivery.AccessPolicy access,
        DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        // Only those who may watch count as viewers: others' heartbeats would be views the teacher never had.
        if (await access.WatchableAsync(id, user, cancellationToken) is not { } lesson)
        {
            return Problems.NotFound($"Lesson {id} has no published video.");
        }

        if (!double.IsFinite(heartbeat.PositionSeconds) || heartbeat.PositionSeconds < 0 || heartbeat.PositionSeconds > lesson.DurationSeconds + 1
            || !double.IsFinite(heartbeat.WatchedSeconds) || heartbeat.WatchedSeconds < 0 || heartbeat.WatchedSeconds > MaxSecondsPerHeartbeat)
        {
            return Problems.Validation($"positionSeconds must lie within the lesson (0–{lesson.DurationSeconds:0} s) and watchedSeconds within 0–{MaxSecondsPerHeartbeat} s.");
        }

        var viewer = user.UserId()!.Value;
        var now = time.GetUtcNow();
        var day = int.Parse(now.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var view = await db.ViewDays.FirstOrDefaultAsync(v => v.LessonId == id && v.ViewerId == viewer && v.Day == day, cancellationToken);
        var newView = view is null;
        if (view is null)
        {
            view = new ViewDay { LessonId = id, ViewerId = viewer, Day = day };
            db.ViewDays.Add(view);
        }

        // Watching is credited by the clock, not by what the client claims: no more than real time since the viewer's
        // last heartbeat at the fastest speed, and no more a day than twice the lesson.
        var allowance = newView ? FirstHeartbeatSeconds : Math.Max(0, (now - view.UpdatedAt).TotalSeconds) * MaxPlaybackRate;
        var dailyRoom = Math.Max(0, lesson.DurationSeconds * MaxDailyWatchShare - view.WatchedSeconds);
        view.WatchedSeconds += Math.Min(heartbeat.WatchedSeconds, Math.Min(allowance, dailyRoom));
        view.FurthestSeconds = Math.Max(view.FurthestSeconds, Math.Min(heartbeat.PositionSeconds, lesson.DurationSeconds));
        view.UpdatedAt = now;

        var position = await db.Positions.FirstOrDefaultAsync(p => p.LessonId == id && p.ViewerId == viewer, cancellationToken);
        if (position is null)
        {
            position = new ViewerPosition { LessonId = id, ViewerId = viewer };
            db.Positions.Add(position);
        }

        position.PositionSeconds = heartbeat.PositionSeconds;
        position.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two heartbeats of one viewer raced to create today's row; the next heartbeat carries on.
            return TypedResults.NoContent();
        }

        if (newView)
        {
            await Engagement.AnnounceAsync(id, db, events, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Ok<PositionDto>> PositionAsync(Guid id, ClaimsPrincipal user, StreamingDbContext db, CancellationToken cancellationToken)
    {
        var viewer = user.UserId();
        var position = await db.Positions.AsNoTracking().FirstOrDefaultAsync(p => p.LessonId == id && p.ViewerId == viewer, cancellationToken);
        return TypedResults.Ok(new PositionDto(position?.PositionSeconds ?? 0));
    }

    internal static async Task<Results<Ok<LessonAnalyticsDto>, ProblemHttpResult>> AnalyticsAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No analytics for lesson {id}.");
        }

        var days = await db.ViewDays.AsNoTracking().Where(v => v.LessonId == id).ToListAsync(cancellationToken);
        var perViewer = days.GroupBy(v => v.ViewerId).Select(g => (Furthest: g.Max(v => v.FurthestSeconds), Watched: g.Sum(v => v.WatchedSeconds))).ToList();
        var furthest = perViewer.Select(v => v.Furthest).ToList();
        var viewers = furthest.Count;
        var dropOff = Enumerable.Range(0, 10).Select(bucket => new DropOffPoint(bucket * 10,
            furthest.Count(f => f >= lesson.DurationSeconds * bucket / 10.0))).ToList();
        return TypedResults.Ok(new LessonAnalyticsDto(
            days.Count,
            viewers,
            Math.Round(days.Sum(v => v.WatchedSeconds)),
            viewers == 0 ? 0 : Math.Round(perViewer.Count(v => Completed(v.Furthest, v.Watched, lesson.DurationSeconds)) / (double)viewers, 3),
            dropOff));
    }
}

internal sealed record Heartbeat(double PositionSeconds, double WatchedSeconds);

internal sealed record PositionDto(double PositionSeconds);

/// <param name="Views">One per viewer per lesson per day.</param>
/// <param name="Viewers">Distinct viewers.</param>
/// <param name="WatchSeconds">Total seconds watched.</param>
/// <param name="CompletionRate">Share of viewers who reached 90% of the lesson.</param>
/// <param name="DropOff">For every 10% of the lesson, how many viewers got that far.</param>
internal sealed record LessonAnalyticsDto(int Views, int Viewers, double WatchSeconds, double CompletionRate, IReadOnlyList<DropOffPoint> DropOff);

internal sealed record DropOffPoint(int FromPercent, int Viewers);
