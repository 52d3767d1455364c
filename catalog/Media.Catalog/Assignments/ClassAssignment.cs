namespace Media.Catalog.Assignments;

/// <summary>A lesson a teacher gave a class to watch (布置), by when, and what to look out for.</summary>
internal sealed class ClassAssignment
{
    public Guid Id { get; set; }
    public Guid LessonId { get; set; }
    public Guid ClassId { get; set; }
    public Guid AssignedBy { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? Note { get; set; }
}
