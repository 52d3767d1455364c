using System.Security.Claims;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Media.Streaming.Analytics;
using Media.Streaming.Contracts;
using Media.Transcoding.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Media.Streaming.Delivery;

/// <summary>
/// Decides whether a viewer may watch a lesson under its access level: public, everyone signed in, the teacher's
/// school, the teacher's city (区域: the 市 above the school), or reviewers only. The teacher and administrators always may.
/// </summary>
internal sealed class AccessPolicy(UserDirectory directory, IPublishedRenditions published, Data.StreamingDbContext db) : ILessonViewers
{
    public async Task<bool> MayWatchAsync(Guid lessonId, ClaimsPrincipal viewer, CancellationToken cancellationToken) =>
        await WatchableAsync(lessonId, viewer, cancellationToken) is not null;

    /// <summary>The lesson's published renditions when the viewer may watch them; null when unpublished or refused.</summary>
    public async Task<PublishedRenditions?> WatchableAsync(Guid lessonId, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var lesson = await published.FindAsync(lessonId, cancellationToken);
        if (lesson is null)
        {
            return null;
        }

        var delivery = await db.Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.LessonId == lessonId, cancellationToken);
        return await RefusalAsync(lesson, delivery, viewer, cancellationToken) is null ? lesson : null;
    }

    /// <summary>The answer to a viewer who may not watch (401 when not signed in, 403 otherwise), or null when they may.</summary>
    public async Task<ProblemHttpResult?> ProblemAsync(PublishedRenditions lesson, LessonDelivery? delivery, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(lesson, delivery, user, cancellationToken) is not { } refusal)
        {
            return null;
        }

        return user.UserId() is null
            ? Problems.Of(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "Sign in to watch.", refusal)
            : Problems.Of(StatusCodes.Status403Forbidden, DeliveryEndpoints.AccessProblem, "Not open to you.", refusal);
    }

    /// <summary>Why the viewer may not watch, or null when they may.</summary>
    public async Task<string?> RefusalAsync(PublishedRenditions lesson, LessonDelivery? delivery, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var level = delivery?.Access ?? AccessLevel.SignedIn;
        var viewer = user.UserId();
        if (level == AccessLevel.Public || (viewer is not null && (viewer == lesson.OwnerId || user.IsInRole(Roles.Admin))))
        {
            return null;
        }

        if (viewer is null)
        {
            return "Sign in to watch this lesson.";
        }

        switch (level)
        {
            case AccessLevel.SignedIn:
                return null;
            case AccessLevel.Reviewers:
                return user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.RegionAdmin) ? null : "This lesson is open to reviewers only.";
            case AccessLevel.School:
            case AccessLevel.Region:
                var viewerLineage = user.OrganisationId() is { } org ? await directory.GetLineageAsync(org, cancellationToken) : [];
                var lessonLineage = lesson.OrganisationId is { } home ? await directory.GetLineageAsync(home, cancellationToken) : [];
                var kind = level == AccessLevel.School ? OrganisationKind.School : OrganisationKind.City;
                var scope = lessonLineage.FirstOrDefault(o => o.Kind == kind);
                return scope is not null && viewerLineage.Any(o => o.Id == scope.Id)
                    ? null
                    : level == AccessLevel.School ? "This lesson is open to its teacher's school only." : "This lesson is open to its teacher's city only.";
            default:
                return "This lesson is not open to you.";
        }
    }
}
