using System.Text.Json;

namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// Clients following one conversation and posters feeding it steadily, started together; a test injects its fault in
/// the middle, then <see cref="FinishAsync"/> stops the posts, waits (bounded) for every client to hold every message,
/// and checks the store and each client's view against what was acknowledged.
/// </summary>
internal sealed class StreamRun : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    private readonly string _conversationId;
    private readonly IReadOnlyList<StreamClient> _clients;
    private readonly IReadOnlyList<Poster> _posters;
    private readonly CancellationTokenSource _stopClients = new();
    private readonly CancellationTokenSource _stopPosting = new();
    private readonly List<Task> _following = [];
    private readonly List<Task> _posting = [];
    private readonly DateTime _started = DateTime.UtcNow;

    private StreamRun(string conversationId, IReadOnlyList<StreamClient> clients, IReadOnlyList<Poster> posters)
    {
        _conversationId = conversationId;
        _clients = clients;
        _posters = posters;
    }

    /// <summary>Connects every client, waits until each has caught up once, then starts the posters.</summary>
    public static async Task<StreamRun> StartAsync(string conversationId, IReadOnlyList<StreamClient> clients, IReadOnlyList<Poster> posters)
    {
        var run = new StreamRun(conversationId, clients, posters);
        run._following.AddRange(clients.Select(c => Task.Run(() => c.RunAsync(run._stopClients.Token))));
        await Task.WhenAll(clients.Select(c => c.Ready.Task)).WaitAsync(ReadyTimeout);
        run._posting.AddRange(posters.Select(p => Task.Run(() => p.RunAsync(run._stopPosting.Token))));
        return run;
    }

    /// <summary>Acknowledged posts so far, all posters together.</summary>
    public int AcknowledgedCount => _posters.Sum(p => p.Acknowledged.Count);

    /// <summary>Lets the stream flow until <paramref name="count"/> more posts are acknowledged (bounded).</summary>
    public async Task FlowAsync(int count)
    {
        var target = AcknowledgedCount + count;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (AcknowledgedCount < target)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {AcknowledgedCount} of {target} posts were acknowledged within 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Stops posting, reads the conversation from <paramref name="reader"/>, waits for every client, and returns the
    /// counts. <paramref name="otherAcknowledged"/>: messages acknowledged by writers other than the posters (id → seq).
    /// </summary>
    public async Task<FaultReport> FinishAsync(ChatEndpoint reader, IReadOnlyDictionary<string, long>? otherAcknowledged = null)
    {
        await _stopPosting.CancelAsync();
        await Task.WhenAll(_posting);
        var acknowledged = _posters.SelectMany(p => p.Acknowledged).Concat(otherAcknowledged ?? new Dictionary<string, long>())
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var posted = DateTime.UtcNow;
        var stored = await StoredAsync(reader);
        var lastSeq = (await reader.DataAsync("query($c: ID!) { getConvo(id: $c) { lastSeq } }", new { c = _conversationId }))
            .GetProperty("getConvo").GetProperty("lastSeq").GetInt64();
        await Task.WhenAll(_clients.Select(c => c.WaitForAsync(lastSeq, CatchUpTimeout)));
        var caughtUp = DateTime.UtcNow - posted;
        await _stopClients.CancelAsync();
        await Task.WhenAll(_following);
        return new FaultReport(acknowledged, _posters, stored, lastSeq, _clients, DateTime.UtcNow - _started, caughtUp);
    }

    /// <summary>Every stored message of the conversation, in seq order.</summary>
    private async Task<List<(long Seq, string Id)>> StoredAsync(ChatEndpoint reader)
    {
        var stored = new List<(long Seq, string Id)>();
        string? next = null;
        do
        {
            var page = (await reader.DataAsync(StreamClient.Messages, new { c = _conversationId, after = 0, next }))
                .GetProperty("getConvo").GetProperty("messages");
            stored.AddRange(page.GetProperty("items").EnumerateArray().Select(m => (m.GetProperty("seq").GetInt64(), m.GetProperty("id").GetString()!)));
            next = page.GetProperty("nextToken").ValueKind == JsonValueKind.String ? page.GetProperty("nextToken").GetString() : null;
        }
        while (next is not null);
        return stored;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopPosting.CancelAsync();
        await _stopClients.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_posting.Concat(_following)), Task.Delay(TimeSpan.FromSeconds(35)));
        _stopPosting.Dispose();
        _stopClients.Dispose();
    }
}
