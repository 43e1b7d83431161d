namespace Chatt.ChatApi.Live;

/// <summary>
/// The ordering core of every live stream, pure (no I/O, timers or locks; the caller serializes calls): items are
/// offered with their position in a gap-free sequence (a conversation's rev, or a message's seq) and come out once
/// each, in position order.
/// <list type="bullet">
/// <item>Late: an item ahead of the next expected position waits until the ones before it arrive.</item>
/// <item>Lost: while one waits, <see cref="HasGap"/> is true and <see cref="Missing"/> says which positions to read
/// from the store; the caller offers what it read, then <see cref="SkipTo"/> the position the store answered through.</item>
/// <item>Duplicate: an item at or before <see cref="Delivered"/>, or at a position already waiting, is dropped.</item>
/// <item>Never stored (or superseded: a replay gives a record once, at its latest position): <see cref="SkipTo"/>
/// declares the positions up to it settled, so what waits behind them is released instead of stalling forever.</item>
/// </list>
/// </summary>
public sealed class Sequencer<T>(long delivered)
{
    private readonly SortedDictionary<long, T> _waiting = [];

    /// <summary>Every position up to here has been handed on (or settled as never coming).</summary>
    public long Delivered { get; private set; } = delivered;

    /// <summary>True while some item waits for an earlier position that has not arrived.</summary>
    public bool HasGap => _waiting.Count > 0;

    /// <summary>The positions a gap lacks: (Delivered, first waiting), both exclusive; null without a gap.</summary>
    public (long After, long Before)? Missing => _waiting.Count > 0 ? (Delivered, _waiting.Keys.First()) : null;

    /// <summary>Offers one item; appends to <paramref name="deliverable"/> what may be handed on now, in order.</summary>
    public void Offer(long position, T item, List<(long Position, T Item)> deliverable)
    {
        if (position <= Delivered || !_waiting.TryAdd(position, item))
        {
            return;
        }

        Drain(deliverable);
    }

    /// <summary>
    /// Settles every position up to <paramref name="through"/>: waiting items up to it are handed on in order,
    /// positions without an item are skipped, and whatever continues after it follows.
    /// </summary>
    public void SkipTo(long through, List<(long Position, T Item)> deliverable)
    {
        while (_waiting.Count > 0)
        {
            var (position, item) = _waiting.First();
            if (position > through)
            {
                break;
            }

            _waiting.Remove(position);
            if (position > Delivered)
            {
                Delivered = position;
                deliverable.Add((position, item));
            }
        }

        Delivered = Math.Max(Delivered, through);
        Drain(deliverable);
    }

    private void Drain(List<(long Position, T Item)> deliverable)
    {
        while (_waiting.Count > 0)
        {
            var (position, item) = _waiting.First();
            if (position <= Delivered)
            {
                _waiting.Remove(position);
                continue;
            }

            if (position != Delivered + 1)
            {
                return;
            }

            _waiting.Remove(position);
            Delivered = position;
            deliverable.Add((position, item));
        }
    }
}
