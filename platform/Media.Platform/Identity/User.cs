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
