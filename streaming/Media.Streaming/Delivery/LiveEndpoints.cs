using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Streaming.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Media.Streaming.Delivery;

/// <summary>The live channels of this process.</summary>
internal sealed class LiveChannels : ILiveChannels
{
    private readonly ConcurrentDictionary<Guid, LiveChannel> _channels = new();

    public void Open(Guid channelId, string folder, string title) => _channels[channelId] = new LiveChannel(folder, title, Live: true);

    public void Close(Guid channelId)
    {
        if (_channels.TryGetValue(channelId, out var channel))
        {
            _channels[channelId] = channel with { Live = false };
        }
    }

    public void Remove(Guid channelId) => _channels.TryRemove(channelId, out _);

    public LiveChannel? Find(Guid channelId) => _channels.GetValueOrDefault(channelId);
}

internal sealed record LiveChannel(string Folder, string Title, bool Live);

/// <summary>
/// Live HLS through the same signed delivery as lessons: <c>/api/live/{id}/playback</c> hands a signed playlist URL
/// to any signed-in viewer; <c>/live/{id}/…</c> serves the playlist rewritten with the token and never cached
/// (it grows), and segments as immutable files.
/// </summary>
internal static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/live/{id:guid}/playback", PlaybackAsync).WithTags("Streaming").RequireAuthorization()
            .WithSummary("A signed URL of a live broadcast's HLS playlist (the whole broadcast so far stays seekable)");
        routes.MapMethods("/live/{id:guid}/{file}", [HttpMethods.Get, HttpMethods.Head], Serve).AllowAnonymous().WithTags("Streaming")
            .WithSummary("Live playlist and segments (needs ?t=<playback token>)");
        return routes;
    }

    internal static Results<Ok<LivePlaybackDto>, ProblemHttpResult> PlaybackAsync(Guid id, ClaimsPrincipal user, LiveChannels channels, PlaybackTokens tokens)
    {
        var channel = channels.Find(id);
        if (channel is null || !File.Exists(Path.Combine(channel.Folder, "index.m3u8")))
        {
            return Problems.NotFound($"Broadcast {id} is not on air (yet).");
        }

        var token = tokens.Issue(id, user.UserId()!.Value);
        return TypedResults.Ok(new LivePlaybackDto($"/live/{id:N}/index.m3u8?t={Uri.EscapeDataString(token.Value)}", token.ExpiresAt, channel.Live, channel.Title));
    }

    internal static IResult Serve(Guid id, string file, string? t, HttpContext context, LiveChannels channels, PlaybackTokens tokens)
    {
        if (tokens.Check(t, id) is { } refusal)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, DeliveryEndpoints.TokenProblem, "Playback not allowed.", refusal);
        }

        var channel = channels.Find(id);
        // Only the encoder's own file names: no paths, nothing outside the channel's folder.
        if (channel is null || file.Contains('/', StringComparison.Ordinal) || file.Contains('\\', StringComparison.Ordinal) || file.StartsWith('.')
            || !(file.EndsWith(".m3u8", StringComparison.Ordinal) || file.EndsWith(".ts", StringComparison.Ordinal)))
        {
            return Problems.NotFound($"No live file '{file}'.");
        }

        var path = Path.Combine(channel.Folder, file);
        if (!File.Exists(path))
        {
            return Problems.NotFound($"No live file '{file}' (yet).");
        }

        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (file.EndsWith(".m3u8", StringComparison.Ordinal))
        {
            // The encoder rewrites the playlist in place: read it whole, shared, and never let anyone cache it.
            string text;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
            {
                text = reader.ReadToEnd();
            }

            context.Response.Headers.CacheControl = "no-cache, no-store";
            return Results.Text(PlaylistRewriter.AddToken(text, t!), "application/vnd.apple.mpegurl", Encoding.UTF8);
        }

        // A segment is written once, then listed: by the time a player asks for it, it never changes.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(path, "video/mp2t", enableRangeProcessing: true);
    }
}

internal sealed record LivePlaybackDto(string Url, DateTimeOffset ExpiresAt, bool Live, string Title);
