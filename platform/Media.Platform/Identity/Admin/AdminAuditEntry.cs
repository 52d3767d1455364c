namespace Media.Platform.Identity.Admin;

/// <summary>One administrative action: who did what to which thing, when. Entries are only ever added.</summary>
public sealed class AdminAuditEntry
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid ActorId { get; set; }
    public required string ActorName { get; set; }

    /// <summary>A dotted name such as <c>user.created</c>, <c>organisation.moved</c>, <c>lesson.access-changed</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What was acted on, as <c>kind:id</c> (e.g. <c>user:…</c>, <c>campaign:…</c>).</summary>
    public required string Target { get; set; }

    public string? Detail { get; set; }
}
