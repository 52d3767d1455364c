using Media.Platform.Errors;
using Media.Platform.Identity.Admin;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Media.Review.Campaigns;

/// <summary>The rules every review endpoint shares: level names, the admin policy, windows and published levels.</summary>
internal static class ReviewLevels
{
    /// <summary>The authorization policy of level admins (admin everywhere, region-admin in their region).</summary>
    public const string CampaignAdmin = "review-admin";
    public const string TechnicalProblem = "urn:media:problem:technical-standard";
    public const string WindowProblem = "urn:media:problem:review-window";

    /// <summary>A level by name (school … ministry); numbers are not names.</summary>
    public static ReviewLevel? Parse(string? name) =>
        !int.TryParse(name, out _) && Enum.TryParse<ReviewLevel>(name, ignoreCase: true, out var level) && Enum.IsDefined(level) ? level : null;

    public static string NameOf(ReviewLevel level) => level.ToString().ToLowerInvariant();

    public static bool IsPublished(Campaign campaign, Guid submissionId, ReviewLevel level) =>
        campaign.Published.Any(p => p.Level == NameOf(level) && p.Ranked.Contains(submissionId));

    /// <summary>A 409 refusal when the level's window is not open now, or null when it is (or the level has no window).</summary>
    public static Outcome<T>? Closed<T>(Campaign campaign, ReviewLevel level, DateTimeOffset now, string what) =>
        campaign.Windows.TryGetValue(NameOf(level), out var window) && !window.Contains(now)
            ? Outcome.Refused<T>(StatusCodes.Status409Conflict, WindowProblem, window.Closes <= now ? "The window has closed." : "The window has not opened.",
                $"{what} at {ReviewRules.AwardName(level)[..2]} level {(window.Closes <= now ? $"closed at {window.Closes:u}" : $"opens at {window.Opens:u}")}.")
            : null;

    /// <summary><see cref="Closed{T}"/> as the problem an endpoint answers.</summary>
    public static ProblemHttpResult? OutsideWindow(Campaign campaign, ReviewLevel level, DateTimeOffset now, string what) =>
        Closed<Campaign>(campaign, level, now, what) is { } closed ? Problems.For(closed) : null;
}
