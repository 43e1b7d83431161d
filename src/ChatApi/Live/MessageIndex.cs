using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Live;

/// <summary>
/// A conversation feed's memory of its recent messages, for unread and mention counts per subscriber without a store
/// read per event: complete for every seq after <see cref="Base"/> (the newest <c>capacity</c> at most; counts of a
/// reader further behind stop there). Each message is kept in its latest state by rev, so a store read and a live
/// event for the same message merge in either order. Not thread-safe: the feed's lock guards it.
/// </summary>
public sealed class MessageIndex(long baseSeq, int capacity = 1000)
{
    private readonly List<Message> _bySeq = [];

    /// <summary>Every message with a greater seq is here.</summary>
    public long Base { get; private set; } = baseSeq;

    public int Count => _bySeq.Count;

    /// <summary>The newest seq held (the base when none).</summary>
    public long LastSeq => _bySeq.Count > 0 ? _bySeq[^1].Seq : Base;

    public void Upsert(Message message)
    {
        var index = Find(message.Seq);
        if (index >= 0)
        {
            if (_bySeq[index].Rev < message.Rev)
            {
                _bySeq[index] = message;
            }

            return;
        }

        _bySeq.Insert(~index, message);
        if (_bySeq.Count > capacity * 2)
        {
            var drop = _bySeq.Count - capacity;
            Base = Math.Max(Base, _bySeq[drop - 1].Seq);
            _bySeq.RemoveRange(0, drop);
        }
    }

    /// <summary>The range a reader at <paramref name="readSeq"/> needs loaded, (After, Through]; null when it is here.</summary>
    public (long After, long Through)? Missing(long readSeq) =>
        readSeq >= Base ? null : (Math.Max(readSeq, Base - capacity), Base);

    /// <summary>Merges a store read of (after, through] and extends <see cref="Base"/> down to <paramref name="after"/>.</summary>
    public void Loaded(long after, IEnumerable<Message> messages)
    {
        foreach (var message in messages)
        {
            Upsert(message);
        }

        Base = Math.Min(Base, after);
    }

    /// <summary>Messages from others after <paramref name="readSeq"/>, tombstones not counted.</summary>
    /// <summary>Unread messages after <paramref name="readSeq"/> up to <paramref name="throughSeq"/> (the event being written out).</summary>
    public int Unread(string userId, long readSeq, bool mentionsOnly, long throughSeq = long.MaxValue)
    {
        var count = 0;
        var start = Find(readSeq + 1);
        for (var i = start >= 0 ? start : ~start; i < _bySeq.Count && _bySeq[i].Seq <= throughSeq; i++)
        {
            var message = _bySeq[i];
            if (message.DeletedAt is null && message.AuthorId != userId && (!mentionsOnly || MessageMentions.Includes(message, userId)))
            {
                count++;
            }
        }

        return count;
    }

    private int Find(long seq)
    {
        int low = 0, high = _bySeq.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var at = _bySeq[middle].Seq;
            if (at == seq)
            {
                return middle;
            }

            if (at < seq)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
