using System.Security.Claims;

namespace Media.Platform.Identity.Admin;

/// <summary>
/// The audit log of administrative actions (people, organisations, campaigns, access changes), readable by administrators
/// at <c>GET /api/admin/audit</c>. Identity's own workflows add their entry to the same save as the change; other
/// modules record theirs right after their change is saved.
/// </summary>
public sealed class AdminAudit(IdentityDbContext db, TimeProvider time)
{
    /// <summary>Adds an entry to the identity context without saving (the caller's save carries it).</summary>
    internal void Add(ClaimsPrincipal actor, string action, string target, string? detail) =>
        db.AuditEntries.Add(new AdminAuditEntry
        {
            Id = Guid.CreateVersion7(),
            At = time.GetUtcNow(),
            ActorId = actor.UserId() ?? Guid.Empty,
            ActorName = actor.Identity?.Name ?? "system",
            Action = action,
            Target = target,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        });

    /// <summary>Records an action another module has just saved.</summary>
    public async Task RecordAsync(ClaimsPrincipal actor, string action, string target, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Add(actor, action, target, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
