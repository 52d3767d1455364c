using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Transcoding.Data;

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
        return t is null || (t.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin))
            ? Problems.NotFound($"No transcoding for lesson {lessonId}.")
            : TypedResults.Ok(TranscodeStatusDto.Of(t));
    }
}

internal sealed record TranscodeStatusDto(
    Guid LessonId, string State, int Attempts, double Percent, double Speed, double? EtaSeconds, string? Error,
    IReadOnlyList<string> Renditions, double? IntegratedLoudness, DateTimeOffset? PublishedAt)
{
    internal static TranscodeStatusDto Of(LessonTranscode t) => new(
        t.LessonId, t.State.ToString().ToLowerInvariant(), t.Attempts, t.Percent, t.Speed, t.EtaSeconds, t.Error,
        t.Renditions.Select(r => $"{r.Width}x{r.Height}").ToList(), t.IntegratedLoudness, t.PublishedAt);
}
