using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Media.Catalog.Search;

internal sealed class SearchIndexHealthCheck(ILessonIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy($"{await index.CountAsync(cancellationToken)} lessons indexed");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The search index cannot be read.", e);
        }
    }
}
