using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// Readiness of the bus. Unhealthy until the first connection opens: an instance that never reached NATS
/// would serve its subscribers without anything the other instances publish, so the load balancer should not
/// send it traffic yet. Later outages are <see cref="HealthStatus.Degraded"/>, not Unhealthy: the instance still
/// commits writes and serves its own subscribers, its events wait in the outbox, and failing readiness on every
/// instance at once during a NATS outage would take the whole API out of its load balancer.
/// </summary>
public sealed class NatsHealthCheck(NatsEventBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = bus.ConnectionState;
        var data = new Dictionary<string, object>
        {
            ["state"] = state.ToString(),
            ["pendingPublishes"] = bus.PendingPublishes,
            ["droppedPublishes"] = bus.DroppedPublishes,
            ["forgedEvents"] = bus.ForgedEvents,
        };
        return Task.FromResult(
            state == NatsConnectionState.Open ? HealthCheckResult.Healthy($"NATS connected to {bus.Server}", data)
            : !bus.HasConnected ? HealthCheckResult.Unhealthy($"NATS is not connected yet ({state}); events wait in the outbox", data: data)
            : HealthCheckResult.Degraded($"NATS is {state}; events wait in the outbox until it reconnects", data: data));
    }
}
