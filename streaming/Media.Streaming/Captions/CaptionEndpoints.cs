using System.Security.Claims;
using System.Text;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Platform.Storage;
using Media.Streaming.Analytics;
using Media.Streaming.Contracts;
using Media.Streaming.Delivery;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Streaming.Data;

namespace Media.Streaming.Captions;

/// <summary>Caption tracks per lesson and language: the teacher uploads .vtt or .srt, viewers get WebVTT under the lesson's access level.</summary>
internal static class CaptionEndpoints
{
    public static IEndpointRouteBuilder MapCaptionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons/{id:guid}/captions").WithTags("Streaming");
        group.MapGet("/", ListAsync).AllowAnonymous().WithSummary("The lesson's caption tracks: language, label and the WebVTT URL");
        group.MapPut("/{language}", PutAsync).RequireAuthorization()
            .WithSummary("Upload captions for a language (BCP 47, e.g. zh-CN) as WebVTT or SubRip in the body; ?label= names the track (the lesson's teacher)");
        group.MapDelete("/{language}", DeleteAsync).RequireAuthorization().WithSummary("Remove a caption track (the lesson's teacher)");
        group.MapGet("/{language}.vtt", ServeAsync).AllowAnonymous().WithSummary("The captions as WebVTT, for whoever may watch the lesson");
        return routes;
    }

    internal static async Task<Results<Ok<List<CaptionDto>>, ProblemHttpResult>> ListAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, user, published, db, access, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var captions = await db.Captions.AsNoTracking().Where(c => c.LessonId == id).OrderBy(c => c.Language).ToListAsync(cancellationToken);
        return TypedResults.Ok(captions.Select(c => new CaptionDto(c.Language, c.Label, $"/api/lessons/{id}/captions/{c.Language}.vtt")).ToList());
    }

    internal static async Task<Results<Ok<CaptionDto>, ProblemHttpResult>> PutAsync(
        Guid id, string language, string? label, HttpRequest request, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db,
        IBlobStore store, DomainEvents events, TimeProvider time, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No published lesson {id} of yours.");
        }

        if (!IsLanguageTag(language))
        {
            return Problems.Validation("language must be a BCP 47 tag such as zh-CN or en.");
        }

        if (request.ContentLength > WebVtt.MaxBytes)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.Validation, "Captions too large.", $"Caption files are limited to {WebVtt.MaxBytes / 1024 / 1024} MiB.");
        }

        using var limited = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (limited.Length + read > WebVtt.MaxBytes)
            {
                return Problems.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.Validation, "Captions too large.", $"Caption files are limited to {WebVtt.MaxBytes / 1024 / 1024} MiB.");
            }

            limited.Write(buffer, 0, read);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(limited.ToArray());
        }
        catch (DecoderFallbackException)
        {
            return Problems.Validation("Captions must be UTF-8 text (.vtt or .srt).");
        }

        var (vtt, error) = WebVtt.Convert(text, lesson.DurationSeconds);
        if (vtt is null)
        {
            return Problems.Validation($"These captions cannot be used: {error}");
        }

        var key = $"captions/{id:N}/{language}.vtt";
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes(vtt)))
        {
            await store.PutAsync(key, content, cancellationToken);
        }

        var caption = await db.Captions.FirstOrDefaultAsync(c => c.LessonId == id && c.Language == language, cancellationToken);
        if (caption is null)
        {
            caption = new LessonCaption { LessonId = id, Language = language, BlobKey = key };
            db.Captions.Add(caption);
        }

        caption.Label = string.IsNullOrWhiteSpace(label) ? language : label.Trim()[..Math.Min(label.Trim().Length, 60)];
        caption.UploadedAt = time.GetUtcNow();
        events.Publish(db, new LessonCaptionsChanged(id, language, caption.Label, WebVtt.Cues(vtt)));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CaptionDto(language, caption.Label, $"/api/lessons/{id}/captions/{language}.vtt"));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, string language, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, IBlobStore store, DomainEvents events,
        CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        var caption = await db.Captions.FirstOrDefaultAsync(c => c.LessonId == id && c.Language == language, cancellationToken);
        if (lesson is null || caption is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No {language} captions on a lesson of yours.");
        }

        db.Captions.Remove(caption);
        events.Publish(db, new LessonCaptionsChanged(id, language, caption.Label, []));
        await db.SaveChangesAsync(cancellationToken);
        await store.DeleteAsync(caption.BlobKey, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> ServeAsync(
        Guid id, string language, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, IBlobStore store,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(id, user, published, db, access, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var caption = await db.Captions.AsNoTracking().FirstOrDefaultAsync(c => c.LessonId == id && c.Language == language, cancellationToken);
        if (caption is null)
        {
            return Problems.NotFound($"Lesson {id} has no {language} captions.");
        }

        // Captions can be replaced, and may not be public: private and revalidated.
        context.Response.Headers.CacheControl = "private, no-cache";
        return Results.Stream(await store.OpenReadAsync(caption.BlobKey, cancellationToken: cancellationToken), "text/vtt; charset=utf-8");
    }

    private static async Task<ProblemHttpResult?> RefusalAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, CancellationToken cancellationToken)
    {
        var set = await published.FindAsync(id, cancellationToken);
        if (set is null)
        {
            return Problems.NotFound($"Lesson {id} has no published video.");
        }

        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        return await access.ProblemAsync(set, delivery, user, cancellationToken);
    }

    private static bool IsLanguageTag(string language) =>
        language.Length is >= 2 and <= 20 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(language[0]);
}

/// <summary>A caption track: the player adds one &lt;track&gt; per entry.</summary>
internal sealed record CaptionDto(string Language, string Label, string Url);
