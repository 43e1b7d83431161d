using System.Threading.Channels;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// Events on their way to NATS, in publish order, bounded by count. Every publish goes through it (not only
/// those made while NATS is away), so an event published during an outage can never be overtaken by a later
/// one, and one sender drains it whenever the connection is open. Full means the oldest event is dropped:
/// newer events of the same conversation still go out, and the gap they reveal is what the feeds repair from
/// the store by seq, while dropping the newest would leave a missing tail that nothing reveals.
/// </summary>
internal sealed class NatsOutbox(int capacity, Action<OutboundEvent> dropped)
{
    private readonly Queue<OutboundEvent> _queue = new();
    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Enqueue(OutboundEvent outbound)
    {
        OutboundEvent? overflow = null;
        lock (_gate)
        {
            if (_queue.Count >= capacity)
            {
                overflow = _queue.Dequeue();
            }
            _queue.Enqueue(outbound);
        }
        if (overflow is not null)
        {
            dropped(overflow);
        }
        Wake();
    }

    /// <summary>Lets the sender look again (an event arrived, or the connection opened).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for the next <see cref="Wake"/> (or returns at once if one came since the last wait).</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken) => await _wake.Reader.ReadAsync(cancellationToken);

    public bool TryPeek(out OutboundEvent outbound)
    {
        lock (_gate)
        {
            return _queue.TryPeek(out outbound!);
        }
    }

    /// <summary>Removes <paramref name="sent"/> if it is still the oldest (overflow may have dropped it meanwhile).</summary>
    public void Remove(OutboundEvent sent)
    {
        lock (_gate)
        {
            if (_queue.TryPeek(out var head) && ReferenceEquals(head, sent))
            {
                _queue.Dequeue();
            }
        }
    }
}

/// <summary>One event ready for the wire: its subject, encoded payload and headers (signature, trace context).</summary>
internal sealed record OutboundEvent(Topic Topic, string EventType, byte[] Payload, IReadOnlyDictionary<string, string> Headers);
