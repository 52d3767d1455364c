namespace Media.Platform.Identity;

/// <summary>A person who signs in: teacher, student, reviewer or administrator.</summary>
public sealed class User
{
    public Guid Id { get; set; }
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public Guid? OrganisationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<UserRole> Roles { get; set; } = [];

    /// <summary>What the person does where (the classes and subjects taught, the class of each school year, what they review).</summary>
    public List<Membership> Memberships { get; set; } = [];

    /// <summary>The id in the school's roster (教职工号 for staff, 学籍号 for students); unique when set.</summary>
    public string? ExternalId { get; set; }

    /// <summary>An honorific title such as 特级教师, 学科带头人 or 骨干教师.</summary>
    public string? Title { get; set; }

    /// <summary>When set, the person cannot sign in; their lessons, scores and awards stay.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>
    /// Changes whenever what a signed-in session vouches for changes (password, roles, organisation, deactivation):
    /// tokens and cookies carry it, and one that carries an old stamp no longer signs anyone in.
    /// </summary>
    public string SecurityStamp { get; set; } = string.Empty;
}

/// <summary>One role a user holds.</summary>
public sealed class UserRole
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
}

/// <summary>
/// One thing a person does somewhere: <see cref="MembershipKinds.Teaches"/> a subject in a class (or school),
/// <see cref="MembershipKinds.Studies"/> in a class in one school year, <see cref="MembershipKinds.Reviews"/> a subject
/// at a review level. A teacher has as many as the classes and subjects they teach; a student one per school year.
/// </summary>
public sealed class Membership
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Kind { get; set; }
    public string? Subject { get; set; }

    /// <summary>The year the school year starts in (2026 for 2026–2027); set for <see cref="MembershipKinds.Studies"/>.</summary>
    public int? SchoolYear { get; set; }

    /// <summary>For <see cref="MembershipKinds.Reviews"/>: school, county, city, province or ministry.</summary>
    public string? Level { get; set; }
}

public static class MembershipKinds
{
    public const string Teaches = "teaches";
    public const string Studies = "studies";
    public const string Reviews = "reviews";

    public static IReadOnlyList<string> All { get; } = [Teaches, Studies, Reviews];

    public static IReadOnlyList<string> Levels { get; } = ["school", "county", "city", "province", "ministry"];

    /// <summary>The school year a day falls in: a Chinese school year starts in September.</summary>
    public static int SchoolYearOf(DateTimeOffset day) => day.Month >= 9 ? day.Year : day.Year - 1;
}
