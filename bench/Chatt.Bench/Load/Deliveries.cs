using Chatt.Bench.Measure;

namespace Chatt.Bench.Load;

/// <summary>
/// What all receivers of a scenario saw: every event counted, latency from the post's send stamp, and per socket and
/// conversation the order — a seq (or rev) not above the last one seen is a duplicate (equal) or out of order
/// (lower); a rev whose prevRev is not the last rev seen means events were skipped.
/// </summary>
internal sealed class Deliveries
{
    private long received;
    private long duplicates;
    private long outOfOrder;
    private long revGaps;
    private long failures;
    private string? firstFailure;

    public Latencies Latencies { get; } = new();

    public long Received => Interlocked.Read(ref received);

    public long Duplicates => Interlocked.Read(ref duplicates);

    public long OutOfOrder => Interlocked.Read(ref outOfOrder);

    public long RevGaps => Interlocked.Read(ref revGaps);

    /// <summary>Subscriptions that ended with an error (or whose socket closed) while the scenario ran.</summary>
    public long Failures => Interlocked.Read(ref failures);

    public string? FirstFailure => firstFailure;

    public void Fail(string reason)
    {
        Interlocked.Increment(ref failures);
        Interlocked.CompareExchange(ref firstFailure, reason, null);
    }

    /// <summary>Deliveries that arrived once each (the number compared with the expected count).</summary>
    public long Unique => Received - Duplicates;

    /// <summary>One socket's view: the last seq and rev per conversation. Only its own receive loop touches it.</summary>
    public sealed class Feed(Deliveries owner)
    {
        private readonly Dictionary<string, long> lastSeq = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> lastRev = new(StringComparer.Ordinal);

        public void Message(string conversationId, long seq, string? content, double arrivedMs)
        {
            Interlocked.Increment(ref owner.received);
            if (Clock.ElapsedSinceStamp(content, arrivedMs) is { } latency)
            {
                owner.Latencies.Add(latency);
            }

            if (lastSeq.TryGetValue(conversationId, out var last) && seq <= last)
            {
                if (seq == last)
                {
                    Interlocked.Increment(ref owner.duplicates);
                }
                else
                {
                    Interlocked.Increment(ref owner.outOfOrder);
                }

                return;
            }

            lastSeq[conversationId] = seq;
        }

        public void Rev(string conversationId, long rev, long prevRev)
        {
            if (lastRev.TryGetValue(conversationId, out var last))
            {
                if (rev <= last)
                {
                    Interlocked.Increment(ref owner.outOfOrder);
                    return;
                }

                if (prevRev != last)
                {
                    Interlocked.Increment(ref owner.revGaps);
                }
            }

            lastRev[conversationId] = rev;
        }
    }
}
