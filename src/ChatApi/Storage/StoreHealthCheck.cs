using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatt.ChatApi.Storage;

/// <summary>Readiness of the store, checked through the port itself: one cheap indexed read.</summary>
public sealed class StoreHealthCheck(IChatStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetUserAsync("health-probe", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("The store did not answer.", exception);
        }
    }
}
