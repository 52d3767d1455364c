namespace Media.Catalog.Taxonomy;

/// <summary>One node of the textbook table of contents: 学段 → 年级 → 学科 → 教材版本 → 册 → 单元 → 课.</summary>
internal sealed class TaxonomyNode
{
    public Guid Id { get; set; }
    public Guid? ParentId { get; set; }
    public TaxonomyLevel Level { get; set; }
    public required string Name { get; set; }

    /// <summary>Order among siblings, as in the textbook.</summary>
    public int Position { get; set; }
}

/// <summary>The levels in textbook order; a branch may skip a level (高中 has no 年级 node in some editions) but never goes back up.</summary>
internal enum TaxonomyLevel
{
    Stage = 0,
    Grade = 1,
    Subject = 2,
    Edition = 3,
    Volume = 4,
    Unit = 5,
    Lesson = 6,
}
