using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Chatt.ChatApi.Events;

/// <summary>
/// This instance's listeners, by topic — the part both buses share. Delivery reads a per-topic array
/// without taking a lock; registration and removal copy the array under a lock (copy-on-write), because
/// events are far more frequent than subscribes. A listener that throws is logged and the others still run.
/// <para>
/// <c>onFirstListener</c> / <c>onLastListener</c> tell the owner when a topic gains its first listener and
/// loses its last one (a distributed bus subscribes and unsubscribes then). They run under the registry's
/// lock, so they arrive in the order the changes happened; they must be quick and must not call back into
/// the registry (enqueue work, don't do it).
/// </para>
/// </summary>
public sealed partial class LocalListeners(
    ILogger logger,
    Action<Topic>? onFirstListener = null,
    Action<Topic>? onLastListener = null)
{
    private readonly ConcurrentDictionary<Topic, Registration[]> _byTopic = new();
    private readonly Lock _gate = new();

    public bool HasListeners(Topic topic) => _byTopic.ContainsKey(topic);

    public IDisposable Add(Topic topic, Action<ChatEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var registration = new Registration(this, topic, listener);
        lock (_gate)
        {
            if (_byTopic.TryGetValue(topic, out var current))
            {
                var grown = new Registration[current.Length + 1];
                current.CopyTo(grown, 0);
                grown[^1] = registration;
                _byTopic[topic] = grown;
            }
            else
            {
                _byTopic[topic] = [registration];
                onFirstListener?.Invoke(topic);
            }
        }
        return registration;
    }

    /// <summary>Delivers one event to the listeners of every topic (see <see cref="BusResumed"/>).</summary>
    public void DeliverToAll(ChatEvent chatEvent)
    {
        foreach (var topic in _byTopic.Keys)
        {
            Deliver(topic, chatEvent);
        }
    }

    /// <summary>
    /// Calls every listener of <paramref name="topic"/> on the calling thread, in registration order.
    /// Returns how many listeners were called.
    /// </summary>
    public int Deliver(Topic topic, ChatEvent chatEvent)
    {
        if (!_byTopic.TryGetValue(topic, out var listeners))
        {
            return 0;
        }
        foreach (var registration in listeners)
        {
            try
            {
                registration.Listener(chatEvent);
            }
            catch (Exception ex)
            {
                LogListenerFailed(logger, ex, topic.Subject, chatEvent.GetType().Name);
            }
        }
        return listeners.Length;
    }

    private void Remove(Registration registration)
    {
        lock (_gate)
        {
            if (!_byTopic.TryGetValue(registration.Topic, out var current))
            {
                return;
            }
            var index = Array.IndexOf(current, registration);
            if (index < 0)
            {
                return;
            }
            if (current.Length == 1)
            {
                _byTopic.TryRemove(registration.Topic, out _);
                onLastListener?.Invoke(registration.Topic);
                return;
            }
            var shrunk = new Registration[current.Length - 1];
            Array.Copy(current, 0, shrunk, 0, index);
            Array.Copy(current, index + 1, shrunk, index, current.Length - index - 1);
            _byTopic[registration.Topic] = shrunk;
        }
    }

    [LoggerMessage(EventId = 1100, EventName = "EventListenerFailed", Level = LogLevel.Error,
        Message = "A listener of {Subject} threw while handling {EventType}; the other listeners still ran")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string subject, string eventType);

    private sealed class Registration(LocalListeners owner, Topic topic, Action<ChatEvent> listener) : IDisposable
    {
        private int _disposed;

        public Topic Topic { get; } = topic;
        public Action<ChatEvent> Listener { get; } = listener;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
