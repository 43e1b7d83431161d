using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.Nats;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>The contract against <see cref="NatsEventBus"/> connected to a real nats-server.</summary>
public sealed class NatsEventBusContractTests(NatsServerFixture nats) : EventBusContract, IClassFixture<NatsServerFixture>
{
    private readonly CollectingLogger<NatsEventBus> _logger = new();

    protected override IEnumerable<Exception?> LoggedErrors => _logger.Entries.Select(e => e.Exception);

    protected override ValueTask<IEventBus> CreateBusAsync() =>
        new(NatsBuses.Create(nats.Server.Url, "contract-" + Samples.NewId(), _logger));
}
