using System.Diagnostics;
using Chatt.Bench.Measure;

namespace Chatt.Bench;

/// <summary>The first scenarios (one hot conversation on onCreateMessage; paging): <c>--scenario fanout|paging</c>.</summary>
internal static class ClassicScenarios
{
    private const string Post = "mutation($c: ID!, $text: String!) { createMessage(input: { messageConversationId: $c, content: $text }) { seq } }";

    private static readonly List<double> PostLatencies = [];

    /// <summary>
    /// One conversation, N subscribers on their own sockets, P posters sending M messages as fast as they can:
    /// the hot path (append, publish, ordered feed, fan-out, per-socket writes).
    /// </summary>
    public static async Task FanOutAsync(BenchApi api, BenchOptions options)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var names = Enumerable.Range(0, options.Subscribers).Select(i => $"s{run}{i}").ToArray();
        var tokens = names.Select(name => api.Tokens.For("bench-" + name, name)).ToArray();
        foreach (var batch in tokens.Chunk(32))
        {
            await Task.WhenAll(batch.Select(t => api.GraphQLAsync(t, "{ me { id } }")));
        }

        var poster = api.Tokens.For($"bench-p{run}", $"p{run}");
        var convo = await api.GraphQLAsync(poster, "mutation($m: [String!]!) { createConvo(input: { name: \"bench\", members: $m }) { id } }", new { m = names });
        var conversationId = convo.GetProperty("createConvo").GetProperty("id").GetString()!;

        var subscribers = names.Select(_ => new Subscriber(options.Messages)).ToArray();
        try
        {
            foreach (var batch in subscribers.Zip(tokens).Chunk(32))
            {
                await Task.WhenAll(batch.Select(s => s.First.StartAsync(api.WebSocketUri(), s.Second, conversationId)));
            }

            using (var warmup = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                var allWarm = Task.WhenAll(subscribers.Select(s => s.Warmed));
                while (!allWarm.IsCompleted)
                {
                    await api.GraphQLAsync(poster, Post, new { c = conversationId, text = "warm" });
                    await Task.WhenAny(allWarm, Task.Delay(200, warmup.Token));
                }
            }

            var sent = 0;
            var clock = Stopwatch.StartNew();
            using var limit = new CancellationTokenSource(options.TimeLimit);
            await Task.WhenAll(Enumerable.Range(0, options.ClassicPosters).Select(async _ =>
            {
                while (Interlocked.Increment(ref sent) <= options.Messages && !limit.IsCancellationRequested)
                {
                    var started = Clock.NowMs();
                    await api.GraphQLAsync(poster, Post, new { c = conversationId, text = "t=" + started.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) });
                    lock (PostLatencies)
                    {
                        PostLatencies.Add(Clock.NowMs() - started);
                    }
                }
            }));
            var postSeconds = clock.Elapsed.TotalSeconds;
            await Task.WhenAny(Task.WhenAll(subscribers.Select(s => s.Done)), Task.Delay(options.TimeLimit));
            var deliverSeconds = clock.Elapsed.TotalSeconds;

            var latencies = subscribers.SelectMany(s => s.LatenciesMs).Order().ToArray();
            var delivered = subscribers.Sum(s => s.Received);
            Console.WriteLine($"## Fan-out: {options.Subscribers} subscribers, {options.Messages} messages from {options.ClassicPosters} concurrent posters");
            Console.WriteLine();
            Console.WriteLine("| measure | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| messages posted/s | {options.Messages / postSeconds:F0} |");
            Console.WriteLine($"| deliveries/s (messages × subscribers) | {delivered / deliverSeconds:F0} |");
            Console.WriteLine($"| deliveries received / expected | {delivered} / {options.Messages * options.Subscribers} |");
            Console.WriteLine($"| post → subscriber latency p50 / p95 / p99 / max (ms) | {P(latencies, 0.50):F1} / {P(latencies, 0.95):F1} / {P(latencies, 0.99):F1} / {latencies.LastOrDefault():F1} |");
            Console.WriteLine();
        }
        finally
        {
            foreach (var subscriber in subscribers)
            {
                await subscriber.DisposeAsync();
            }
        }
    }

    /// <summary>The createMessage round trips measured during the fan-out run.</summary>
    public static Task PostingAsync(BenchApi api, BenchOptions options)
    {
        var latencies = PostLatencies.Order().ToArray();
        Console.WriteLine($"## createMessage over HTTP ({options.ClassicPosters} concurrent posters, while fanning out)");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| round trip p50 / p95 / p99 (ms) | {P(latencies, 0.50):F2} / {P(latencies, 0.95):F2} / {P(latencies, 0.99):F2} |");
        Console.WriteLine();
        return Task.CompletedTask;
    }

    /// <summary>Reading a conversation page of 100 messages with authors (the loaders batch the authors).</summary>
    public static async Task PagingAsync(BenchApi api, BenchOptions options)
    {
        var token = api.Tokens.For("bench-pager" + Guid.NewGuid().ToString("N")[..6]);
        var conversationId = (await api.GraphQLAsync(token, "mutation { createConvo(input: { name: \"paging\", members: [] }) { id } }"))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        for (var i = 0; i < 300; i++)
        {
            await api.GraphQLAsync(token, Post, new { c = conversationId, text = $"page filler {i}" });
        }

        const string Page = "query($c: ID!) { getConvo(id: $c) { messages(limit: 100, sortDirection: DESC) { items { id seq content createdAt author { id username } } nextToken } } }";
        var latencies = new List<double>(options.PageRequests);
        var next = 0;
        var clock = Stopwatch.StartNew();
        using var limit = new CancellationTokenSource(options.TimeLimit);
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= options.PageRequests && !limit.IsCancellationRequested)
            {
                var started = Clock.NowMs();
                await api.GraphQLAsync(token, Page, new { c = conversationId });
                lock (latencies)
                {
                    latencies.Add(Clock.NowMs() - started);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        Console.WriteLine("## Paging: 100 newest messages with authors, 16 concurrent readers");
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| pages/s | {sorted.Length / seconds:F0} |");
        Console.WriteLine($"| latency p50 / p95 / p99 (ms) | {P(sorted, 0.50):F2} / {P(sorted, 0.95):F2} / {P(sorted, 0.99):F2} |");
        Console.WriteLine();
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
