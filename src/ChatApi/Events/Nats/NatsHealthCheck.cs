using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// Reports the NATS connection. Not connected is <see cref="HealthStatus.Degraded"/>, not Unhealthy: the
/// instance still commits writes and serves its own subscribers while the client reconnects, and failing
/// readiness on every instance during a NATS outage would take the whole API out of its load balancer.
/// </summary>
public sealed class NatsHealthCheck(NatsEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = bus.ConnectionState;
        var data = new Dictionary<string, object>
        {
            ["state"] = state.ToString(),
            ["droppedPublishes"] = bus.DroppedPublishes,
        };
        return Task.FromResult(state == NatsConnectionState.Open
            ? HealthCheckResult.Healthy($"NATS connected to {bus.Server}", data)
            : HealthCheckResult.Degraded($"NATS is {state}; events reach only this instance's listeners until it reconnects", data: data));
    }
}
