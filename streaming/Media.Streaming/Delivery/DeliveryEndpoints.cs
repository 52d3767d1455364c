using System.Globalization;
using System.Security.Claims;
using System.Text;
using Media.Platform.Errors;
using Media.Streaming.Analytics;
using Media.Streaming.Contracts;
using Microsoft.EntityFrameworkCore;
using Media.Platform.Identity;
using Media.Platform.Storage;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Media.Streaming.Data;

namespace Media.Streaming.Delivery;

/// <summary>
/// Signed HLS delivery: <c>/api/lessons/{id}/playback</c> hands a viewer a signed master-playlist URL; <c>/media/…</c>
/// serves playlists rewritten with the viewer's token (short-lived) and segments, init files and thumbnails as
/// immutable, range-capable responses streamed from the blob store.
/// </summary>
internal static class DeliveryEndpoints
{
    public const string TokenProblem = "urn:media:problem:playback-token";
    public const string AccessProblem = "urn:media:problem:access-level";
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string GrantRoute = "/media-grants/";
    private static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/lessons/{id:guid}/playback", PlaybackAsync).WithTags("Streaming").AllowAnonymous()
            .WithSummary("A signed, expiring URL of the lesson's master playlist for the caller (anonymous callers for public lessons)");
        routes.MapGet("/api/lessons/{id:guid}/access", AccessAsync).WithTags("Streaming").RequireAuthorization()
            .WithSummary("Who may watch the lesson: public, signed-in, school, region or reviewers");
        routes.MapPut("/api/lessons/{id:guid}/access", SetAccessAsync).WithTags("Streaming").RequireAuthorization()
            .WithSummary("Who may watch: public, signed-in, school, region or reviewers (the lesson's teacher or an administrator)");
        // The token in the URL is the only credential: no cookie, session, culture or anti-forgery check applies, so the
        // request skips those middlewares (thousands of segment requests a second for a popular lesson).
        routes.MapMethods("/media/{lessonId:guid}/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).AllowAnonymous().ShortCircuit()
            .WithTags("Streaming").WithSummary("Playlists, segments and thumbnails of a published lesson (needs ?t=<playback token>)");
        routes.MapMethods(BlindPlayback.RoutePrefix + "{entry}/{**path}", [HttpMethods.Get, HttpMethods.Head], ServeBlindAsync).AllowAnonymous().ShortCircuit()
            .WithTags("Streaming").WithSummary("The same files under a key that does not name the lesson (reviewers scoring blind; no download)");
        // nginx's question before it sends a lesson's segments itself (deploy/nginx-media-locations.conf).
        routes.MapGet(GrantRoute + "{lessonId:guid}", GrantAsync).AllowAnonymous().ShortCircuit().ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Results<Ok<PlaybackDto>, ProblemHttpResult>> PlaybackAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, PlaybackTokens tokens, CancellationToken cancellationToken)
    {
        var set = await published.FindAsync(id, cancellationToken);
        if (set is null)
        {
            return Problems.NotFound($"Lesson {id} has no published video (yet).");
        }

        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        if (await access.ProblemAsync(set, delivery, user, cancellationToken) is { } problem)
        {
            return problem;
        }

        // Anonymous viewers of public lessons share the empty viewer id.
        var token = tokens.Issue(id, user.UserId() ?? Guid.Empty);
        return TypedResults.Ok(new PlaybackDto($"/media/{id:N}/{set.MasterPlaylist}?t={Uri.EscapeDataString(token.Value)}", token.ExpiresAt,
            user.Identity?.IsAuthenticated == true && DownloadEndpoints.MayDownload(set, delivery, user)));
    }

    internal static async Task<Results<Ok<AccessDto>, ProblemHttpResult>> SetAccessAsync(
        Guid id, AccessDto request, ClaimsPrincipal user, IPublishedRenditions published, LessonAccessSettings settings, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No lesson {id} of yours is published.");
        }

        if (!AccessLevels.TryParse(request.Level, out var level))
        {
            return Problems.Validation($"level must be one of: {string.Join(", ", AccessLevels.Names)}.");
        }

        await settings.ChangeAsync(id, level.Value, user, cancellationToken);
        return TypedResults.Ok(new AccessDto(AccessLevels.NameOf(level.Value)));
    }

    internal static async Task<Results<Ok<AccessDto>, ProblemHttpResult>> AccessAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, LessonAccessSettings settings, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        // A lesson with no published video yet has nothing to hide; a published one shows its level to those it is open to.
        if (lesson is not null && await access.RefusalAsync(lesson, delivery, user, cancellationToken) is not null)
        {
            return Problems.NotFound($"No lesson {id} open to you.");
        }

        return TypedResults.Ok(new AccessDto(AccessLevels.NameOf(await settings.GetAsync(id, cancellationToken))));
    }

    /// <summary>
    /// Behind nginx: whether a playback token opens the lesson's segments, answered with the folder they lie in
    /// (<c>X-Media-Prefix</c>) and for how long nginx may keep the answer (<c>X-Accel-Expires</c>, at most 30 s and
    /// never past the token's expiry; no Cache-Control beside it, which nginx 1.22 would let override it), so that nginx asks once per viewer and lesson instead of once per segment. The
    /// checks are those of <see cref="ServeAsync"/>; a refusal is the same problem.
    /// </summary>
    internal static async Task<IResult> GrantAsync(
        Guid lessonId, string? t, HttpContext context, PublishedRenditionsCache published, PlaybackTokens tokens, TimeProvider time, IOptions<StreamingOptions> options)
    {
        if (string.IsNullOrEmpty(options.Value.AcceleratedRedirectPrefix))
        {
            return Problems.NotFound("Grants are for nginx in front of the API (Media:Streaming:AcceleratedRedirectPrefix is not set).");
        }

        if (tokens.Check(t, lessonId) is { } refusal)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, TokenProblem, "Playback not allowed.", refusal);
        }

        if (await published.FindAsync(lessonId, context.RequestAborted) is not { } set)
        {
            return Problems.NotFound($"Lesson {lessonId} has no published video (yet).");
        }

        var left = PlaybackTokens.ExpiresAt(t!) - time.GetUtcNow();
        var seconds = (long)Math.Clamp(Math.Floor(Math.Min(left.TotalSeconds, GrantLifetime.TotalSeconds)), 0, GrantLifetime.TotalSeconds);
        context.Response.Headers["X-Media-Prefix"] = set.Prefix;
        context.Response.Headers["X-Accel-Expires"] = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Empty;
    }

    internal static async Task<IResult> ServeBlindAsync(
        string entry, string path, string? t, HttpContext context, BlindPlayback blind, PublishedRenditionsCache published, PlaybackTokens tokens, IBlobStore store, HotFileCache hot)
    {
        if (blind.LessonOf(entry) is not { } lessonId || path == DownloadEndpoints.FileName)
        {
            return Problems.NotFound("This blind playback link is not valid here; open the entry from your review queue again.");
        }

        return await ServeAsync(lessonId, path, t, context, published, tokens, store, hot);
    }

    internal static async Task<IResult> ServeAsync(
        Guid lessonId, string path, string? t, HttpContext context, PublishedRenditionsCache published, PlaybackTokens tokens, IBlobStore store, HotFileCache hot)
    {
        if (tokens.Check(t, lessonId, path == DownloadEndpoints.FileName ? TokenPurpose.Download : TokenPurpose.Play) is { } refusal)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, TokenProblem, "Playback not allowed.", refusal);
        }

        var set = await published.FindAsync(lessonId, context.RequestAborted);
        string key;
        try
        {
            key = BlobKey.Validate(set?.Prefix + path);
        }
        catch (ArgumentException)
        {
            return Problems.NotFound($"No file '{path}'.");
        }

        var response = context.Response;
        if (key.EndsWith(".m3u8", StringComparison.Ordinal))
        {
            var playlist = set is null ? null : await store.GetPropertiesAsync(key, context.RequestAborted);
            if (playlist is null)
            {
                return Problems.NotFound($"This lesson has no file '{path}'.");
            }

            string text;
            await using (var stream = await store.OpenReadAsync(key, cancellationToken: context.RequestAborted))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                text = await reader.ReadToEndAsync(context.RequestAborted);
            }

            // Per viewer (the token is in every URI) and short-lived: a CDN may cache it briefly per URL.
            response.Headers.AccessControlAllowOrigin = "*";
            response.Headers.CacheControl = "private, max-age=30";
            return Results.Text(PlaylistRewriter.AddToken(text, t!), playlist.ContentType ?? "application/vnd.apple.mpegurl", Encoding.UTF8);
        }

        var accelerated = context.RequestServices.GetRequiredService<IOptions<StreamingOptions>>().Value.AcceleratedRedirectPrefix;
        var file = set is null ? null : string.IsNullOrEmpty(accelerated)
            ? await hot.GetAsync(store, key, context.RequestAborted)
            : await store.GetPropertiesAsync(key, context.RequestAborted) is { } found ? new HotFileCache.HotFile(found, null) : null;
        if (file is null)
        {
            return Problems.NotFound($"This lesson has no file '{path}'.");
        }

        response.Headers.AccessControlAllowOrigin = "*";
        if (path == DownloadEndpoints.FileName)
        {
            response.Headers.ContentDisposition = $"attachment; filename=\"lesson-{lessonId:N}.mp4\"";
            var range = context.Request.Headers.Range.ToString();
            if (HttpMethods.IsGet(context.Request.Method) && (range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal)))
            {
                await context.RequestServices.GetRequiredService<DownloadCounter>().CountAsync(lessonId, PlaybackTokens.ViewerOf(t)!.Value, context.RequestAborted);
            }
        }

        if (!string.IsNullOrEmpty(accelerated))
        {
            // nginx sends the bytes from the shared blob folder, with ranges, ETag and Last-Modified of its own; the
            // headers set here (type, caching, disposition) are kept by nginx for the redirected response.
            response.Headers.CacheControl = Immutable;
            response.ContentType = file.Properties.ContentType ?? ContentTypes.ForKey(key);
            response.Headers["X-Accel-Redirect"] = accelerated + key;
            return Results.Empty;
        }

        return await ServeImmutableAsync(context, store, file.Properties, file.Content);
    }

    /// <summary>An immutable file with its validators and byte ranges, from memory when <paramref name="content"/> holds it.</summary>
    private static async Task<IResult> ServeImmutableAsync(HttpContext context, IBlobStore store, BlobProperties blob, byte[]? content)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.CacheControl = Immutable;
        response.Headers.ETag = blob.ETag;
        response.Headers.LastModified = blob.LastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.AcceptRanges = "bytes";
        response.ContentType = blob.ContentType ?? ContentTypes.ForKey(blob.Key);
        if (request.Headers.IfNoneMatch.ToString() == blob.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        ByteRange? range = null;
        if (request.Headers.Range.ToString() is { Length: > 0 } rangeHeader)
        {
            if (!TryParseRange(rangeHeader, blob.Length, out var from, out var to))
            {
                response.Headers.ContentRange = $"bytes */{blob.Length}";
                return Problems.Of(StatusCodes.Status416RangeNotSatisfiable, ProblemTypes.Validation, "Range not satisfiable.", $"The file has {blob.Length} bytes.");
            }

            range = new ByteRange(from, to - from + 1);
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {from}-{to}/{blob.Length}";
            response.ContentLength = to - from + 1;
        }
        else
        {
            response.ContentLength = blob.Length;
        }

        if (HttpMethods.IsHead(request.Method))
        {
            return Results.Empty;
        }

        if (content is not null)
        {
            await response.BodyWriter.WriteAsync(content.AsMemory((int)(range?.Offset ?? 0), (int)(range?.Length ?? content.Length)), context.RequestAborted);
            return Results.Empty;
        }

        await using var stream = await store.OpenReadAsync(blob.Key, range, context.RequestAborted);
        await stream.CopyToAsync(response.Body, 1 << 16, context.RequestAborted);
        return Results.Empty;
    }

    /// <summary>One range of "bytes=a-b", "bytes=a-" or "bytes=-n"; several ranges are not served (players ask for one).</summary>
    internal static bool TryParseRange(string header, long length, out long from, out long to)
    {
        from = to = 0;
        if (!RangeHeaderValue.TryParse(header, out var parsed) || parsed.Unit != "bytes" || parsed.Ranges.Count != 1 || length == 0)
        {
            return false;
        }

        var item = parsed.Ranges.First();
        if (item.From is { } start)
        {
            from = start;
            to = Math.Min(item.To ?? length - 1, length - 1);
        }
        else if (item.To is { } suffix && suffix > 0)
        {
            from = Math.Max(0, length - suffix);
            to = length - 1;
        }
        else
        {
            return false;
        }

        return from <= to && from < length;
    }
}

/// <param name="Url">The signed master playlist, root-relative.</param>
/// <param name="ExpiresAt">When the signature runs out.</param>
/// <param name="CanDownload">Whether <c>GET /api/lessons/{id}/download</c> gives this viewer the MP4.</param>
internal sealed record PlaybackDto(string Url, DateTimeOffset ExpiresAt, bool CanDownload);

internal sealed record AccessDto(string? Level);
