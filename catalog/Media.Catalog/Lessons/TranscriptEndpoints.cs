using System.Security.Claims;
using Media.Catalog.Data;
using Media.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Media.Catalog.Lessons;

/// <summary>A lesson's timed text for the player's transcript panel (字幕, 板书/课件文字): every line with its time.</summary>
internal static class TranscriptEndpoints
{
    public static IEndpointRouteBuilder MapTranscriptEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/lessons/{id:guid}/transcript", GetAsync).WithTags("Lessons").RequireAuthorization()
            .WithSummary("The lesson's timed text: caption tracks and on-screen text (slides, blackboard), each line with its start and end in seconds");
        return routes;
    }

    internal static async Task<Results<Ok<TranscriptDto>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, LessonVisibility visibility, CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (await visibility.FindAsync(id, user, cancellationToken) is null)
        {
            return Problems.NotFound($"No lesson {id}.");
        }

        var tracks = await db.LessonTexts.AsNoTracking().Where(t => t.LessonId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TranscriptDto(tracks
            .OrderBy(t => t.Source == LessonTextSources.Captions ? 0 : 1).ThenBy(t => t.Track, StringComparer.Ordinal)
            .Select(t => new TranscriptTrackDto(t.Track, t.Source, t.Label, t.Lines.Select(l => new TranscriptLineDto(l.StartSeconds, l.EndSeconds, l.Text)).ToList()))
            .ToList()));
    }
}

/// <summary>The tracks, captions first; an empty list when the lesson has none yet.</summary>
internal sealed record TranscriptDto(List<TranscriptTrackDto> Tracks);

/// <summary>One track: <c>track</c> is <c>captions:{language}</c> or <c>screen</c>; <c>source</c> is <c>captions</c> (what is said) or <c>screen</c> (what is shown).</summary>
internal sealed record TranscriptTrackDto(string Track, string Source, string? Label, List<TranscriptLineDto> Lines);

internal sealed record TranscriptLineDto(double StartSeconds, double EndSeconds, string Text);
