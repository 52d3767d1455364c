using System.Text.Json;
using System.Text.Json.Serialization;
using Media.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Media.Platform.Events;

/// <summary>Handles one kind of event published by another module. Handlers must be idempotent: an event may be delivered again after a crash.</summary>
public interface IHandles<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Publication of module events through each publisher's outbox: <see cref="Publish{TEvent}"/> adds the event and one
/// delivery per subscriber to the publisher's context, so the next <c>SaveChanges</c> stores them with the change they
/// announce. Once saved they are delivered in this process straight away (the same request or job), and whatever
/// fails or is cut off is retried by <see cref="OutboxDispatcher"/> on any process, with backoff, at least once.
/// </summary>
public sealed class DomainEvents(EventSubscriptions subscriptions, TimeProvider time, IOptions<EventOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void Publish<TEvent>(ModuleDbContext db, TEvent domainEvent)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(db);
        var subscribers = subscriptions.For(typeof(TEvent));
        if (subscribers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        // Inside an explicit transaction the save is not yet the commit: leave it to the dispatcher, which sees it once committed.
        var deliverHere = db.Database.CurrentTransaction is null;
        var message = new OutboxEvent
        {
            Id = Guid.CreateVersion7(),
            Type = EventSubscriptions.NameOf(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(domainEvent, Json),
            OccurredAt = now,
        };
        foreach (var subscriber in subscribers)
        {
            message.Deliveries.Add(new OutboxDelivery
            {
                Id = Guid.CreateVersion7(),
                EventId = message.Id,
                Subscriber = subscriber.Name,
                // Delivered here right after the save: claimed for the lease, taken over by any process if this one dies first.
                NextAttemptAt = deliverHere ? now + options.Value.Lease : now,
            });
        }

        db.Set<OutboxEvent>().Add(message);
        if (deliverHere)
        {
            db.PublishedHere.Add(message);
        }
    }
}

/// <summary>One handler of one event type, and how to hand it a stored payload.</summary>
public sealed record EventSubscription(Type EventType, string Name, Func<IServiceProvider, string, CancellationToken, Task> DeliverAsync);

/// <summary>Every handler registered in this process, by event type and by name.</summary>
public sealed class EventSubscriptions(IEnumerable<EventSubscription> all)
{
    private readonly Dictionary<Type, List<EventSubscription>> _byEvent = all.GroupBy(s => s.EventType).ToDictionary(g => g.Key, g => g.ToList());
    private readonly Dictionary<string, EventSubscription> _byKey = all.ToDictionary(s => Key(NameOf(s.EventType), s.Name), StringComparer.Ordinal);

    public IReadOnlyList<EventSubscription> For(Type eventType) => _byEvent.TryGetValue(eventType, out var list) ? list : [];

    public EventSubscription? Find(string eventType, string subscriber) => _byKey.GetValueOrDefault(Key(eventType, subscriber));

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    private static string Key(string eventType, string subscriber) => eventType + "→" + subscriber;
}

public static class DomainEventRegistration
{
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : notnull
        where THandler : class, IHandles<TEvent>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(typeof(TEvent), EventSubscriptions.NameOf(typeof(THandler)), static (provider, payload, cancellationToken) =>
        {
            var domainEvent = JsonSerializer.Deserialize<TEvent>(payload, DomainEvents.Json)
                ?? throw new JsonException($"The stored {typeof(TEvent).Name} is empty.");
            return provider.GetRequiredService<THandler>().HandleAsync(domainEvent, cancellationToken);
        }));
        return services;
    }
}
