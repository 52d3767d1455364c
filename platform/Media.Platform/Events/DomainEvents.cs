using Microsoft.Extensions.DependencyInjection;

namespace Media.Platform.Events;

/// <summary>Handles one kind of event published by another module. Handlers must be idempotent: an event may be delivered again after a crash.</summary>
public interface IHandles<in TEvent>
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

/// <summary>
/// In-process publication of module events: every registered handler runs before <see cref="PublishAsync{TEvent}"/>
/// returns, so the publisher can record the event as delivered only once all handlers succeeded.
/// </summary>
public sealed class DomainEvents(IServiceScopeFactory scopes)
{
    public async Task PublishAsync<TEvent>(TEvent domainEvent, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var handler in scope.ServiceProvider.GetServices<IHandles<TEvent>>())
        {
            await handler.HandleAsync(domainEvent, cancellationToken);
        }
    }
}

public static class DomainEventRegistration
{
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where THandler : class, IHandles<TEvent>
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddScoped<IHandles<TEvent>, THandler>();
    }
}
