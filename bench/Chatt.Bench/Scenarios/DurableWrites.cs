using System.Collections.Concurrent;
using Chatt.Bench.Measure;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// Durable writes: <c>--posters</c> users (32) post as fast as they can into <c>--write-conversations</c> (64) they all
/// belong to, each post the web client's <c>SendMessage</c> with a client id, for <c>--write-seconds</c>. An answer
/// means the message is committed (SQLite: after its group commit's fsync). Every 50th post is sent again with the
/// same id and must come back with the same seq. Afterwards each conversation's lastSeq must equal the number of
/// posts acknowledged in it, and the acknowledged seqs must be exactly 1..lastSeq: nothing lost, nothing doubled.
/// </summary>
internal static class DurableWrites
{
    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var (api, options) = (context.Api, context.Options);
        var names = Enumerable.Range(0, options.Posters).Select(i => $"w{context.Run}{i}").ToArray();
        var tokens = await api.ProvisionAsync(names);
        var conversations = new string[options.WriteConversations];
        for (var i = 0; i < conversations.Length; i++)
        {
            conversations[i] = await api.CreateConversationAsync(tokens[0], $"writes {i}", names[1..]);
        }

        var acknowledged = new ConcurrentDictionary<string, ConcurrentBag<long>>(StringComparer.Ordinal);
        var latencies = new Latencies();
        var retriesDiffering = 0;
        var meter = new CpuMeter(context.Fleet.ServerPids).Start();
        using var stop = new CancellationTokenSource(options.WriteDuration);
        await Task.WhenAll(tokens.Select((token, poster) => Task.Run(async () =>
        {
            var random = new Random(poster);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var conversationId = conversations[random.Next(conversations.Length)];
                var variables = new { id = $"{context.Run}-{poster}-{i}", conversationId, content = Clock.Stamp(), createdAt = (string?)null };
                var started = Clock.NowMs();
                var seq = (await api.GraphQLAsync(token, Load.Subscriptions.SendMessage, variables, poster))
                    .GetProperty("createMessage").GetProperty("seq").GetInt64();
                latencies.Add(Clock.NowMs() - started);
                acknowledged.GetOrAdd(conversationId, _ => []).Add(seq);
                if (i % 50 == 0)
                {
                    var again = (await api.GraphQLAsync(token, Load.Subscriptions.SendMessage, variables, poster))
                        .GetProperty("createMessage").GetProperty("seq").GetInt64();
                    if (again != seq)
                    {
                        Interlocked.Increment(ref retriesDiffering);
                    }
                }
            }
        })));
        meter.Stop();

        long stored = 0, unique = 0, doubled = 0;
        foreach (var conversationId in conversations)
        {
            var lastSeq = (await api.GraphQLAsync(tokens[0], "query($c: ID!) { getConvo(id: $c) { lastSeq } }", new { c = conversationId }))
                .GetProperty("getConvo").GetProperty("lastSeq").GetInt64();
            var seqs = acknowledged.TryGetValue(conversationId, out var bag) ? bag.ToArray() : [];
            stored += lastSeq;
            var distinct = seqs.Distinct().Count(s => s >= 1 && s <= lastSeq);
            unique += distinct;
            doubled += seqs.Length - seqs.Distinct().Count();
        }

        var acks = acknowledged.Values.Sum(b => (long)b.Count);
        return new ScenarioResult($"Durable writes: {options.Posters} posters, {options.WriteConversations} conversations, {options.WriteDuration.TotalSeconds:F0} s, {api.Instances} instance(s)")
            .Number("acks_per_second", acks / meter.Wall.TotalSeconds, "acknowledged createMessage/s", "F0")
            .Row("round trip p50 / p95 / p99 / max (ms)", latencies.Describe())
            .Row("stored (sum of lastSeq) / acknowledged", $"{stored} / {acks}")
            .Row("retries answered with a different seq", $"{retriesDiffering}")
            .Row("server CPU per acknowledged write (µs)", $"{meter.ServerMicrosPer(acks):F1}")
            .Row("server CPU / generator CPU / wall (s)", Cpu(meter))
            .With(r =>
            {
                // Loss here: a stored seq nobody was told about is fine (a post cut off by the deadline); an
                // acknowledged seq the conversation does not hold is loss, and a seq acknowledged twice a duplicate.
                r.Expected = acks;
                r.Delivered = unique;
                r.Duplicates = doubled + retriesDiffering;
            });
    }

    public static string Cpu(CpuMeter meter) =>
        $"{meter.Servers.TotalSeconds:F1} / {meter.Generator.TotalSeconds:F1} / {meter.Wall.TotalSeconds:F1} " +
        $"(cores: server {meter.Servers / meter.Wall:F2}, generator {meter.Generator / meter.Wall:F2})";
}
