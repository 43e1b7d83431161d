namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// What one fault run came to: posts sent and acknowledged, what the store holds, and for every client what it
/// received live and by catch-up, what it lacks (lost), and what it was sent twice or out of order. Written to the
/// test output; <see cref="AssertNothingLost"/> is the fault suite's one verdict.
/// </summary>
internal sealed class FaultReport(
    IReadOnlyDictionary<string, long> acknowledged,
    IReadOnlyList<Poster> posters,
    IReadOnlyList<(long Seq, string Id)> stored,
    long lastSeq,
    IReadOnlyList<StreamClient> clients,
    TimeSpan duration,
    TimeSpan caughtUp)
{
    /// <summary>Posts sent (each retry not counted again), and the messages other writers acknowledged.</summary>
    public int Sent => posters.Sum(p => p.Sent) + acknowledged.Count - posters.Sum(p => p.Acknowledged.Count);

    public int Acknowledged => acknowledged.Count;

    public int Retries => posters.Sum(p => p.Retries);

    public long LastSeq => lastSeq;

    /// <summary>Messages all clients hold, summed over clients.</summary>
    public int Delivered => clients.Sum(c => c.View.Count);

    /// <summary>Acknowledged messages missing from the store, or from a client's view (counted per client).</summary>
    public int Lost => StoreLost.Count + clients.Sum(c => LostBy(c).Count);

    public int Duplicates => clients.Sum(c => c.Duplicates) + (stored.Count - stored.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());

    public int OutOfOrder => clients.Sum(c => c.OutOfOrder);

    public int Gaps => clients.Sum(c => c.Gaps);

    private List<string> StoreLost => [.. acknowledged.Where(a => !stored.Contains((a.Value, a.Key))).Select(a => $"{a.Key}@{a.Value}")];

    public string Summary(string fault) =>
        $"{fault}: sent {Sent}, acknowledged {Acknowledged} ({Retries} retries), stored {stored.Count} (last seq {lastSeq}); "
        + $"{clients.Count} clients: delivered {Delivered} (live {clients.Sum(c => c.LiveDelivered)}, caught up {clients.Sum(c => c.FetchedByCatchUp)}), "
        + $"lost {Lost}, duplicates {Duplicates}, out of order {OutOfOrder}, live gaps {Gaps}, reconnects {clients.Sum(c => c.Reconnects)}; "
        + $"{duration.TotalSeconds:0.0} s, every client complete {caughtUp.TotalMilliseconds:0} ms after the last post";

    /// <summary>Writes the summary and one line per client to the test output (and the console, for the CI log).</summary>
    public void Write(string fault)
    {
        var lines = new List<string> { Summary(fault) };
        lines.AddRange(clients.Select(c =>
            $"  {c.Name}: {c.View.Count} messages (live {c.LiveDelivered}, caught up {c.FetchedByCatchUp}), lost {LostBy(c).Count}, reconnects {c.Reconnects}, sockets: {string.Join("; ", c.Endings)}"));
        foreach (var line in lines)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Console.WriteLine("[faults] " + line);
        }
    }

    /// <summary>
    /// The store holds seq 1..last once each, every acknowledged message at its seq, no id twice; every client holds
    /// exactly the store's messages; no client saw a duplicate, a reordering or a gap live.
    /// </summary>
    public void AssertNothingLost(string fault)
    {
        Write(fault);
        Assert.Empty(posters.SelectMany(p => p.Conflicts));
        Assert.Equal(Enumerable.Range(1, (int)lastSeq).Select(s => (long)s), stored.Select(m => m.Seq));
        Assert.Empty(StoreLost);
        Assert.Equal(stored.Count, stored.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var client in clients)
        {
            Assert.Empty(client.Faults);
            Assert.True(LostBy(client).Count == 0, $"{client.Name} lacks {string.Join(", ", LostBy(client).Take(20))}");
            Assert.Equal(stored.Select(m => (m.Seq, m.Id)), client.View.Select(v => (v.Key, v.Value)));
        }

        Assert.Equal(0, Lost);
        Assert.Equal(0, Duplicates);
    }

    private List<string> LostBy(StreamClient client)
    {
        var view = client.View;
        return [.. acknowledged.Where(a => !view.TryGetValue(a.Value, out var id) || id != a.Key).Select(a => $"{a.Key}@{a.Value}")];
    }
}
