using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Events;
using Media.Platform.Identity;
using Media.Streaming.Analytics;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Media.Streaming.Data;

namespace Media.Streaming.Delivery;

/// <summary>
/// Offline copies for schools with thin links: the teacher allows downloads per lesson; viewers then get a
/// signed link to the MP4, and every download is counted.
/// </summary>
internal static class DownloadEndpoints
{
    public const string DownloadProblem = "urn:media:problem:download-not-allowed";

    /// <summary>The offline MP4 beside the ladder; only a download token opens it.</summary>
    public const string FileName = "download.mp4";

    public static IEndpointRouteBuilder MapDownloadEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/lessons/{id:guid}").WithTags("Streaming").RequireAuthorization();
        group.MapGet("/download-policy", GetPolicyAsync).WithSummary("Whether the lesson's MP4 may be downloaded (its teacher or an administrator)");
        group.MapPut("/download-policy", SetPolicyAsync).WithSummary("Allow or forbid downloads of the lesson's MP4 (its teacher or an administrator)");
        group.MapGet("/download", LinkAsync).WithSummary("A signed link to the lesson's MP4, when its teacher allows downloads");
        return routes;
    }

    /// <summary>Downloads are for everyone who may watch once the teacher allows them; the teacher and administrators always may.</summary>
    internal static bool MayDownload(Media.Transcoding.Contracts.PublishedRenditions lesson, LessonDelivery? delivery, ClaimsPrincipal user) =>
        delivery?.AllowDownload == true || lesson.OwnerId == user.UserId() || user.IsInRole(Roles.Admin);

    internal static async Task<Results<Ok<DownloadPolicy>, ProblemHttpResult>> GetPolicyAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No lesson {id} of yours is published.");
        }

        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        return TypedResults.Ok(new DownloadPolicy(delivery?.AllowDownload == true));
    }

    internal static async Task<Results<Ok<DownloadPolicy>, ProblemHttpResult>> SetPolicyAsync(
        Guid id, DownloadPolicy policy, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null || (lesson.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
        {
            return Problems.NotFound($"No lesson {id} of yours is published.");
        }

        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        if (delivery is null)
        {
            delivery = new LessonDelivery { LessonId = id };
            db.Deliveries.Add(delivery);
        }

        delivery.AllowDownload = policy.AllowDownload;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(policy);
    }

    internal static async Task<Results<Ok<DownloadLink>, ProblemHttpResult>> LinkAsync(
        Guid id, ClaimsPrincipal user, IPublishedRenditions published, StreamingDbContext db, AccessPolicy access, PlaybackTokens tokens, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(id, cancellationToken);
        if (lesson is null)
        {
            return Problems.NotFound($"Lesson {id} has no published video.");
        }

        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == id, cancellationToken);
        if (await access.ProblemAsync(lesson, delivery, user, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!MayDownload(lesson, delivery, user))
        {
            return Problems.Of(StatusCodes.Status403Forbidden, DownloadProblem, "Download not allowed.", "The lesson's teacher has not allowed downloads.");
        }

        var token = tokens.Issue(id, user.UserId()!.Value, TokenPurpose.Download);
        return TypedResults.Ok(new DownloadLink($"/media/{id:N}/{FileName}?t={Uri.EscapeDataString(token.Value)}", token.ExpiresAt, delivery?.Downloads ?? 0));
    }
}

internal sealed record DownloadPolicy(bool AllowDownload);

internal sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt, int Downloads);
