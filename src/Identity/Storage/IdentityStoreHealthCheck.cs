using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatt.Identity.Storage;

/// <summary>Ready when the database answers a query; sign-in and token requests all need it.</summary>
internal sealed class IdentityStoreHealthCheck(IdentityStoreContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The identity database does not answer.");
    }
}
