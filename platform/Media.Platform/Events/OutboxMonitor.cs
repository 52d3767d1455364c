using Media.Platform.Data;
using Media.Platform.Errors;
using Media.Platform.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Media.Platform.Events;

/// <summary>A delivery that has not succeeded yet after at least one try: retrying, or given up on.</summary>
public sealed record UndeliveredEvent(
    Guid Id, string Module, string EventType, string Subscriber, DateTimeOffset OccurredAt, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? GaveUpAt, string? LastError);

/// <summary>What is waiting in the outboxes of all modules.</summary>
public sealed record OutboxSummary(int Waiting, int Retrying, int GaveUp, IReadOnlyList<UndeliveredEvent> Undelivered);

/// <summary>Reads and replays the outboxes of every module (for administrators and the health check).</summary>
public sealed class OutboxMonitor(IServiceScopeFactory scopes, IEnumerable<ModuleDatabaseRegistration> modules, OutboxDispatcher dispatcher, TimeProvider time)
{
    public async Task<OutboxSummary> SummaryAsync(int take, CancellationToken cancellationToken)
    {
        var (waiting, retrying, gaveUp) = (0, 0, 0);
        var undelivered = new List<UndeliveredEvent>();
        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var deliveries = ((ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType)).Set<OutboxDelivery>().AsNoTracking()
                .Where(d => d.DeliveredAt == null);
            waiting += await deliveries.CountAsync(d => d.Attempts == 0, cancellationToken);
            retrying += await deliveries.CountAsync(d => d.Attempts > 0 && d.GaveUpAt == null, cancellationToken);
            gaveUp += await deliveries.CountAsync(d => d.GaveUpAt != null, cancellationToken);
            var failing = await deliveries.Where(d => d.Attempts > 0).OrderByDescending(d => d.GaveUpAt != null).ThenBy(d => d.NextAttemptAt).Take(take)
                .Select(d => new { d.Id, d.Event.Type, d.Subscriber, d.Event.OccurredAt, d.Attempts, d.NextAttemptAt, d.GaveUpAt, d.LastError })
                .ToListAsync(cancellationToken);
            undelivered.AddRange(failing.Select(d => new UndeliveredEvent(d.Id, module.Schema, OutboxDispatcher.ShortName(d.Type), OutboxDispatcher.ShortName(d.Subscriber),
                d.OccurredAt, d.Attempts, d.GaveUpAt is null ? d.NextAttemptAt : null, d.GaveUpAt, d.LastError)));
        }

        return new OutboxSummary(waiting, retrying, gaveUp, undelivered.OrderByDescending(d => d.GaveUpAt is not null).ThenBy(d => d.OccurredAt).Take(take).ToList());
    }

    /// <summary>Makes an undelivered delivery due now with a fresh count of tries; returns whether one was found.</summary>
    public async Task<bool> ReplayAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var module in modules)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var changed = await db.Set<OutboxDelivery>().Where(d => d.Id == deliveryId && d.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.GaveUpAt, (DateTimeOffset?)null).SetProperty(d => d.Attempts, 0).SetProperty(d => d.NextAttemptAt, now), cancellationToken);
            if (changed > 0)
            {
                dispatcher.Wake();
                return true;
            }
        }

        return false;
    }
}

/// <summary>Degraded while any event has been given up on: some module is behind until it is replayed.</summary>
internal sealed class OutboxHealthCheck(OutboxMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var summary = await monitor.SummaryAsync(1, cancellationToken);
        return summary.GaveUp == 0
            ? HealthCheckResult.Healthy($"{summary.Waiting} waiting, {summary.Retrying} retrying")
            : HealthCheckResult.Degraded($"{summary.GaveUp} event deliveries given up on (GET /api/admin/events, replay with POST /api/admin/events/{{id}}/replay); {summary.Retrying} retrying");
    }
}

/// <summary><c>/api/admin/events</c>: what the modules have not yet delivered to each other, and replay.</summary>
internal static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/events").WithTags("Events").RequireAuthorization(Policies.Admin);
        group.MapGet("", async (int? take, OutboxMonitor monitor, CancellationToken ct) => TypedResults.Ok(await monitor.SummaryAsync(Math.Clamp(take ?? 100, 1, 1000), ct)))
            .WithSummary("Module events not yet delivered: counts, and the deliveries that failed at least once (given up first) with their last error");
        group.MapPost("/{id:guid}/replay", ReplayAsync).WithSummary("Try a failed or given-up delivery again now");
        return routes;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReplayAsync(Guid id, OutboxMonitor monitor, CancellationToken cancellationToken) =>
        await monitor.ReplayAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No undelivered event delivery {id}.");
}
