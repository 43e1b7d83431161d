using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.GraphQL;

/// <summary>
/// A subscription's source stream: events of the given bus topics, mapped to the field's value (null skips the
/// event). Listening starts on subscribe and stops on dispose, so bus interest follows the subscribers. OnNext
/// calls are serialized because listeners of different topics may be called on different threads.
/// </summary>
public sealed class EventStream(IEventBus bus, IReadOnlyList<Topic> topics, Func<ChatEvent, object?> map) : IObservable<object?>
{
    public IDisposable Subscribe(IObserver<object?> observer)
    {
        var gate = new Lock();
        var handles = new List<IDisposable>(topics.Count);
        foreach (var topic in topics)
        {
            handles.Add(bus.Listen(topic, chatEvent =>
            {
                if (map(chatEvent) is { } value)
                {
                    lock (gate)
                    {
                        observer.OnNext(value);
                    }
                }
            }));
        }

        return new Handles(handles);
    }

    private sealed class Handles(List<IDisposable> handles) : IDisposable
    {
        public void Dispose()
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }
}
