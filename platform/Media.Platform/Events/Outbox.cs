using Microsoft.EntityFrameworkCore;

namespace Media.Platform.Events;

/// <summary>
/// An event as its publisher saved it, in the publisher's own database and the same <c>SaveChanges</c> as the
/// change it announces: if the change is stored, so is the event.
/// </summary>
public sealed class OutboxEvent
{
    public Guid Id { get; init; }

    /// <summary>The event's type name (its CLR full name): what the payload deserializes to.</summary>
    public required string Type { get; init; }

    public required string Payload { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public List<OutboxDelivery> Deliveries { get; init; } = [];
}

/// <summary>One subscriber's copy of an event: delivered, waiting for its next try, or given up on until replayed.</summary>
public sealed class OutboxDelivery
{
    public Guid Id { get; init; }

    public Guid EventId { get; init; }

    public OutboxEvent Event { get; init; } = null!;

    /// <summary>The handler's type name.</summary>
    public required string Subscriber { get; init; }

    public int Attempts { get; set; }

    /// <summary>When the delivery may next be tried; a claim moves it past the lease, so no one else takes it meanwhile.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Set once <see cref="EventOptions.MaxAttempts"/> tries have failed; cleared by a replay.</summary>
    public DateTimeOffset? GaveUpAt { get; set; }

    public string? LastError { get; set; }
}

internal static class OutboxModel
{
    public const string EventsTable = "outbox_events";
    public const string DeliveriesTable = "outbox_deliveries";

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxEvent>(e =>
        {
            e.ToTable(EventsTable);
            e.Property(x => x.Type).HasMaxLength(300);
            e.HasMany(x => x.Deliveries).WithOne(d => d.Event).HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.OccurredAt);
        });
        modelBuilder.Entity<OutboxDelivery>(e =>
        {
            e.ToTable(DeliveriesTable);
            e.Property(x => x.Subscriber).HasMaxLength(300);
            e.Property(x => x.LastError).HasMaxLength(4000);
            e.HasIndex(x => new { x.DeliveredAt, x.NextAttemptAt });
        });
    }
}
