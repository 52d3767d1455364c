using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;
using Media.Transcoding.Recognition;

namespace Media.Transcoding.Jobs;

internal static class TranscodeEndpoints
{
    public static IEndpointRouteBuilder MapTranscodeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/transcodes").WithTags("Transcoding").RequireAuthorization()
            .MapGet("/{lessonId:guid}", GetAsync).WithSummary("Transcoding state and progress of a lesson (percent, speed, ETA)");
        return routes;
    }

    internal static async Task<Results<Ok<TranscodeStatusDto>, ProblemHttpResult>> GetAsync(
        Guid lessonId, ClaimsPrincipal user, TranscodingDbContext db, CancellationToken cancellationToken)
    {
        var t = await db.Transcodes.AsNoTracking().FirstOrDefaultAsync(x => x.LessonId == lessonId, cancellationToken);
        if (t is null || (t.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No transcoding for lesson {lessonId}.");
        }

        var reading = await db.ScreenTexts.AsNoTracking().FirstOrDefaultAsync(x => x.LessonId == lessonId, cancellationToken);
        return TypedResults.Ok(TranscodeStatusDto.Of(t, reading));
    }
}

/// <summary>A lesson's transcoding; <c>screenText</c> is the reading of its on-screen text after publishing (null before).</summary>
internal sealed record TranscodeStatusDto(
    Guid LessonId, string State, int Attempts, double Percent, double Speed, double? EtaSeconds, string? Error,
    IReadOnlyList<string> Renditions, double? IntegratedLoudness, DateTimeOffset? PublishedAt, ScreenTextStatusDto? ScreenText)
{
    internal static TranscodeStatusDto Of(LessonTranscode t, LessonScreenText? reading = null) => new(
        t.LessonId, t.State.ToString().ToLowerInvariant(), t.Attempts, t.Percent, t.Speed, t.EtaSeconds, t.Error,
        t.Renditions.Select(r => $"{r.Width}x{r.Height}").ToList(), t.IntegratedLoudness, t.PublishedAt,
        reading is null ? null : new ScreenTextStatusDto(reading.State.ToString().ToLowerInvariant(), reading.Percent, reading.FramesRead, reading.Lines.Count, reading.Error));
}

/// <summary>Reading the on-screen text: <c>state</c> is queued, running, done, failed or unavailable (no OCR engine here).</summary>
internal sealed record ScreenTextStatusDto(string State, double Percent, int FramesRead, int Lines, string? Error);
