using Chatt.Bench.Load;
using Chatt.Bench.Measure;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// Many rooms, shared by the rooms, nats and soak scenarios: <c>--conversations</c> (2,000) of <c>--members</c> (25)
/// drawn from <c>--users</c> (10,000), each user on one socket (spread over the instances and over 127.0.0.x), on
/// <c>--subscription</c> (onInbox by default, the web client's selection). Posts go at <c>--rate</c> per second to
/// conversations drawn at random, each by a random member through a random instance. Every member's socket must
/// receive each post once, in seq order.
/// </summary>
internal sealed class Rooms : IAsyncDisposable
{
    private readonly ScenarioContext context;
    private readonly string[] names;
    private readonly string[] tokens;
    private readonly string[] conversations;
    private readonly int[][] members;
    private readonly List<FeedSocket> sockets = [];
    private long expected;
    private long postFailures;
    private string? firstPostFailure;

    private Rooms(ScenarioContext context, string[] names, string[] tokens, string[] conversations, int[][] members)
    {
        this.context = context;
        this.names = names;
        this.tokens = tokens;
        this.conversations = conversations;
        this.members = members;
    }

    public Deliveries Deliveries { get; } = new();

    public long Expected => Interlocked.Read(ref expected);

    public int Sockets => sockets.Count;

    public string Shape => $"{conversations.Length} conversations × {members[0].Length} members, {names.Length} sockets on {context.Options.Subscription}, " +
                           $"{context.Api.Instances} instance(s)";

    /// <summary>Users, conversations, sockets, and one warm-up post per conversation that every socket must see.</summary>
    public static async Task<Rooms> PrepareAsync(ScenarioContext context)
    {
        var (api, options) = (context.Api, context.Options);
        var names = Enumerable.Range(0, options.Users).Select(i => $"r{context.Run}{i}").ToArray();
        var tokens = await api.ProvisionAsync(names);
        // Conversation c holds users c·M … c·M + M − 1 (mod U): each user is in about C·M/U of them.
        var members = Enumerable.Range(0, options.Conversations)
            .Select(c => Enumerable.Range(0, options.Members).Select(j => (int)(((long)c * options.Members + j) % options.Users)).ToArray()).ToArray();
        var conversations = new string[options.Conversations];
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) =>
            conversations[c] = await api.CreateConversationAsync(tokens[members[c][0]], $"room {c}", members[c][1..].Select(m => names[m]).ToArray()));

        var rooms = new Rooms(context, names, tokens, conversations, members);
        await rooms.ConnectAsync();
        await rooms.WarmUpAsync();
        return rooms;
    }

    private async Task ConnectAsync()
    {
        var ofUser = new List<string>[names.Length];
        for (var c = 0; c < conversations.Length; c++)
        {
            foreach (var m in members[c])
            {
                (ofUser[m] ??= []).Add(conversations[c]);
            }
        }

        var connected = new FeedSocket[names.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, names.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            connected[i] = await FeedSocket.ConnectAsync(context.Api.WebSocketUri(i), context.Addresses.For(i), tokens[i], context.Options.Subscription,
                (IReadOnlyList<string>?)ofUser[i] ?? [], Deliveries));
        sockets.AddRange(connected);
    }

    private async Task WarmUpAsync()
    {
        // A subscription has no "started" acknowledgement: post until every socket has seen an event (bounded).
        var allLive = Task.WhenAll(sockets.Select(s => s.FirstEvent));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!allLive.IsCompleted && DateTime.UtcNow < deadline && Deliveries.Failures == 0)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, conversations.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (c, _) => await PostAsync(c, members[c][0], "warm"));
            await Task.WhenAny(allLive, Task.Delay(1000));
        }

        if (!allLive.IsCompleted)
        {
            throw new InvalidOperationException(
                $"Not every socket received its warm-up event within 90 s ({sockets.Count(s => s.FirstEvent.IsCompleted)} / {sockets.Count} did; {Deliveries.FirstFailure}).");
        }
    }

    /// <summary>Posts at the configured rate for <paramref name="duration"/>, then waits (bounded) for the deliveries.</summary>
    public async Task<(long Posts, TimeSpan Elapsed)> LoadAsync(TimeSpan duration, Action<TimeSpan>? everySecond = null)
    {
        var rate = context.Options.Rate;
        var random = new Random(42);
        var inFlight = new SemaphoreSlim(128);
        var pending = new List<Task>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long posts = 0;
        var nextSecond = TimeSpan.FromSeconds(1);
        while (clock.Elapsed < duration)
        {
            // Paced against the clock, not by sleeps: after a stall the loop catches up rather than drifting.
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (posts < due)
            {
                var c = random.Next(conversations.Length);
                var author = members[c][random.Next(members[c].Length)];
                await inFlight.WaitAsync();
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await PostAsync(c, author, Clock.Stamp());
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
                posts++;
            }

            if (clock.Elapsed >= nextSecond)
            {
                everySecond?.Invoke(clock.Elapsed);
                nextSecond += TimeSpan.FromSeconds(1);
                pending.RemoveAll(t => t.IsCompleted);
            }

            await Task.Delay(5);
        }

        await Task.WhenAll(pending);
        var elapsed = clock.Elapsed;
        var drainBy = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Deliveries.Unique < Expected && DateTime.UtcNow < drainBy)
        {
            await Task.Delay(50);
        }

        return (posts, elapsed);
    }

    private async Task PostAsync(int c, int author, string content)
    {
        try
        {
            await context.Api.GraphQLAsync(tokens[author], Subscriptions.SendMessage,
                new { id = Guid.NewGuid().ToString("N"), conversationId = conversations[c], content, createdAt = (string?)null }, Random.Shared.Next());
            Interlocked.Add(ref expected, members[c].Length);
        }
        catch (Exception e)
        {
            // A failed post is not expected anywhere; it is reported, not counted as loss.
            Interlocked.Increment(ref postFailures);
            Interlocked.CompareExchange(ref firstPostFailure, e.Message, null);
        }
    }

    public string PostFailures => postFailures == 0 ? "0" : $"{postFailures} ({firstPostFailure})";

    /// <summary>The measured part of a rooms-shaped run as a result (the caller adds its own rows first).</summary>
    public ScenarioResult Result(string title, CpuMeter meter, long deliveredBefore, (long Posts, TimeSpan Elapsed) load)
    {
        var delivered = Deliveries.Unique - deliveredBefore;
        var result = new ScenarioResult(title)
            .Number("posts_per_second", load.Posts / load.Elapsed.TotalSeconds, "posts/s (offered --rate)", "F0")
            .Number("delivered_per_second", delivered / meter.Wall.TotalSeconds, "delivered/s", "F0")
            .Number("p50", Deliveries.Latencies.Percentile(0.50), "post → socket p50 (ms)")
            .Number("p99", Deliveries.Latencies.Percentile(0.99), "post → socket p99 (ms)")
            .Row("post → socket p50 / p95 / p99 / max (ms)", Deliveries.Latencies.Describe())
            .Number("cpu_per_delivery", meter.ServerMicrosPer(delivered), "server CPU per delivered event (µs)")
            .Row("server CPU / generator CPU / wall (s)", DurableWrites.Cpu(meter))
            .Row("server RSS at the end (MB)", string.Join(" + ", context.Fleet.ChatApiPids.Select(p => $"{ProcStat.RssBytes(p) / 1048576.0:F0}")))
            .Row("failed posts", PostFailures);
        return result.Counts(Deliveries, Expected);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chunk in sockets.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
