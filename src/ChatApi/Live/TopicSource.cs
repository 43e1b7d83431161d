using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Live;

/// <summary>A stream of one bus topic's events, mapped to the field's value (null skips): <c>onCreateUser</c>, <c>onCreateConvoLink</c>.</summary>
public sealed class TopicSource(IEventBus bus, Topic topic, Func<ChatEvent, object?> map) : ILiveSource
{
    public bool HasCallerState => false;

    public object? Root(object liveEvent) => liveEvent is ChatEvent chatEvent ? map(chatEvent) : null;

    public Task<IDisposable> StartAsync(LiveSubscriber subscriber, CancellationToken cancellationToken) =>
        Task.FromResult(bus.Listen(topic, e =>
        {
            if (map(e) is not null)
            {
                subscriber.Deliver(e);
            }
        }));
}
