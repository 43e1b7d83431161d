using Microsoft.Extensions.Logging;

namespace Chatt.ChatApi.Events.InProcess;

/// <summary>
/// The single-instance bus: publishing calls this process's listeners of the topic synchronously, on the
/// publisher's thread. Used when no shared bus is configured.
/// </summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus
{
    private readonly LocalListeners _listeners = new(logger);

    public ValueTask PublishAsync(Topic topic, ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        _listeners.Deliver(topic, chatEvent);
        return ValueTask.CompletedTask;
    }

    public IDisposable Listen(Topic topic, Action<ChatEvent> listener) => _listeners.Add(topic, listener);
}
