namespace Media.Platform.Identity;

/// <summary>A node of the education authority tree: province → city → county → school → class.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public Guid? ParentId { get; set; }
}

public enum OrganisationKind
{
    Province = 1,
    City = 2,
    County = 3,
    School = 4,
    Class = 5,
}
