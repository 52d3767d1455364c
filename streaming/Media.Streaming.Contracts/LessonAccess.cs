using System.Diagnostics.CodeAnalysis;

namespace Media.Streaming.Contracts;

/// <summary>Who may watch a lesson (and see it in the catalog). The numbers are stored; never renumber.</summary>
public enum AccessLevel
{
    /// <summary>Everyone signed in (the default).</summary>
    SignedIn = 0,

    /// <summary>Everyone, signed in or not.</summary>
    Public = 1,

    /// <summary>The teacher's school.</summary>
    School = 2,

    /// <summary>The teacher's city (市).</summary>
    Region = 3,

    /// <summary>Reviewers and region administrators.</summary>
    Reviewers = 4,
}

/// <summary>The names of <see cref="AccessLevel"/> as the API and stored catalog rows spell them.</summary>
public static class AccessLevels
{
    private static readonly Dictionary<string, AccessLevel> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["public"] = AccessLevel.Public,
        ["signed-in"] = AccessLevel.SignedIn,
        ["school"] = AccessLevel.School,
        ["region"] = AccessLevel.Region,
        ["reviewers"] = AccessLevel.Reviewers,
    };

    /// <summary>public, signed-in, school, region, reviewers.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static string NameOf(AccessLevel level) => ByName.First(n => n.Value == level).Key;

    public static bool TryParse(string? name, [NotNullWhen(true)] out AccessLevel? level)
    {
        level = name is not null && ByName.TryGetValue(name, out var found) ? found : null;
        return level is not null;
    }

    /// <summary>The level a stored name stands for; unknown or missing names are the default, signed-in.</summary>
    public static AccessLevel ParseOrDefault(string? name) => TryParse(name, out var level) ? level.Value : AccessLevel.SignedIn;
}

/// <summary>Who may watch a lesson changed. The catalog shows a lesson's metadata (search, related, the lesson page) to the same people.</summary>
public sealed record LessonAccessChanged(Guid LessonId, AccessLevel Access);

/// <summary>
/// Streaming's access rule for other modules: whether someone may watch a published lesson (its teacher, administrators,
/// and whoever its access level lets in). What another module shows of a lesson (co-watching, its comments) follows it.
/// </summary>
public interface ILessonViewers
{
    /// <summary>False when the lesson has no published video or its access level keeps <paramref name="viewer"/> out.</summary>
    Task<bool> MayWatchAsync(Guid lessonId, System.Security.Claims.ClaimsPrincipal viewer, CancellationToken cancellationToken);
}
