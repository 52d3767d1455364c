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
}

/// <summary>One role a user holds.</summary>
public sealed class UserRole
{
    public Guid UserId { get; set; }
    public required string Role { get; set; }
}
