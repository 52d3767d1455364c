namespace Media.Platform.Identity;

/// <summary>Which of a person's memberships a change replaces: all of one kind, or one school year's class.</summary>
public sealed record MembershipScope(string? Kind, int? SchoolYear)
{
    public static MembershipScope None { get; } = new(null, null);

    public static MembershipScope Of(string kind) => new(kind, null);

    public static MembershipScope StudiesIn(int schoolYear) => new(MembershipKinds.Studies, schoolYear);

    public bool Covers(Membership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return Kind is not null && membership.Kind == Kind && (SchoolYear is null || membership.SchoolYear == SchoolYear);
    }
}

/// <summary>Compares and replaces a person's memberships within a scope, leaving the others (earlier school years, other kinds) alone.</summary>
public static class MembershipSet
{
    public static bool SameAs(IEnumerable<Membership> current, IEnumerable<Membership> wanted, MembershipScope scope) =>
        current.Where(scope.Covers).Select(KeyOf).ToHashSet().SetEquals(wanted.Select(KeyOf));

    /// <summary>Marks the scope's memberships removed and the wanted ones added (the caller saves).</summary>
    public static void Replace(IdentityDbContext db, User user, IEnumerable<Membership> wanted, MembershipScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        foreach (var old in user.Memberships.Where(scope.Covers).ToList())
        {
            user.Memberships.Remove(old);
            db.Memberships.Remove(old);
        }

        foreach (var membership in wanted.DistinctBy(KeyOf))
        {
            membership.Id = Guid.CreateVersion7();
            membership.UserId = user.Id;
            db.Memberships.Add(membership);
            user.Memberships.Add(membership);
        }
    }

    private static (Guid, string, string?, int?, string?) KeyOf(Membership m) => (m.OrganisationId, m.Kind, m.Subject, m.SchoolYear, m.Level);
}
