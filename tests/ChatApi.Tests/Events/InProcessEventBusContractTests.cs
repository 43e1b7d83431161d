using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.InProcess;

namespace Chatt.ChatApi.Tests.Events;

public sealed class InProcessEventBusContractTests : EventBusContract
{
    private readonly CollectingLogger<InProcessEventBus> _logger = new();

    protected override IEnumerable<Exception?> LoggedErrors => _logger.Entries.Select(e => e.Exception);

    protected override ValueTask<IEventBus> CreateBusAsync() => new(new InProcessEventBus(_logger));
}
