namespace Chatt.ChatApi.Events;

/// <summary>
/// The event-bus port. Contract:
/// <list type="bullet">
/// <item><see cref="PublishAsync"/> is called after the write committed; it delivers to every instance's
/// listeners of the topic, including this one's. It never throws for a bus outage: the write has already
/// happened, and subscribers repair gaps from the store by seq.</item>
/// <item><see cref="Listen"/> registers interest in a topic on this instance until the returned handle is
/// disposed; an implementation subscribes to the shared bus only while a local listener exists.</item>
/// <item>Listeners are called on the bus's thread and must not block: hand off to a queue.</item>
/// </list>
/// </summary>
public interface IEventBus
{
    ValueTask PublishAsync(Topic topic, ChatEvent chatEvent, CancellationToken cancellationToken);

    IDisposable Listen(Topic topic, Action<ChatEvent> listener);
}
