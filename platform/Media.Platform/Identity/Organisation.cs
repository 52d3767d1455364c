namespace Media.Platform.Identity;

/// <summary>A node of the education authority tree: province → city → county → school → grade → class.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>The code the basic-education data platform uses (a school's 10-digit 学校标识码, a class code); unique when set.</summary>
    public string? Code { get; set; }

    /// <summary>When set, the organisation takes no new members and is left out of pickers; its people keep their accounts.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}

/// <summary>The kinds of node. The numbers are stored; never renumber (Grade came later, hence its number).</summary>
public enum OrganisationKind
{
    Province = 1,
    City = 2,
    County = 3,
    School = 4,
    Class = 5,
    Grade = 6,
}

public static class OrganisationKinds
{
    private static readonly Dictionary<string, OrganisationKind> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["province"] = OrganisationKind.Province,
        ["city"] = OrganisationKind.City,
        ["county"] = OrganisationKind.County,
        ["school"] = OrganisationKind.School,
        ["grade"] = OrganisationKind.Grade,
        ["class"] = OrganisationKind.Class,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out OrganisationKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static string NameOf(OrganisationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>How deep the kind sits in the tree (a province 1 … a class 6): a node's parent sits strictly higher.</summary>
    public static int Depth(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Province => 1,
        OrganisationKind.City => 2,
        OrganisationKind.County => 3,
        OrganisationKind.School => 4,
        OrganisationKind.Grade => 5,
        OrganisationKind.Class => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
