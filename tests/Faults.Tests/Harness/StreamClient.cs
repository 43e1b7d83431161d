using System.Text.Json;

namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// A chat client following one conversation as the web client does: subscribes to <c>onCreateMessage</c>, then
/// catches up with <c>messages(afterSeq)</c>; when its socket ends it reconnects (the same endpoint first, then the
/// next), subscribes and catches up again; when the first live message of a subscription lies beyond what it holds,
/// it fetches the range in between. Its view is every message by seq, once.
/// <para>
/// What it counts as faults of the server: within one subscription, a seq delivered twice (duplicate), a smaller seq
/// after a larger (out of order), or a skipped seq (gap: the feeds promise every message after subscribing, in order).
/// </para>
/// </summary>
internal sealed class StreamClient(string name, string conversationId, IReadOnlyList<ChatEndpoint> endpoints)
{
    public const string Subscription = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { id seq } }";
    public const string Messages = """
        query($c: ID!, $after: Int, $next: String) {
          getConvo(id: $c) { messages(afterSeq: $after, limit: 1000, nextToken: $next) { items { id seq } nextToken } }
        }
        """;

    private readonly SortedDictionary<long, string> _view = [];
    private readonly List<string> _faults = [];
    private readonly List<string> _endings = [];

    public string Name { get; } = name;

    public int LiveDelivered { get; private set; }

    public int FetchedByCatchUp { get; private set; }

    public int Duplicates { get; private set; }

    public int OutOfOrder { get; private set; }

    public int Gaps { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>How each socket ended, e.g. "a: closed 1006" (tests of which clients a fault touched).</summary>
    public IReadOnlyList<string> Endings
    {
        get
        {
            lock (_view)
            {
                return [.. _endings];
            }
        }
    }

    /// <summary>Descriptions of every duplicate, out-of-order and gap seen live.</summary>
    public IReadOnlyList<string> Faults
    {
        get
        {
            lock (_view)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>The client's conversation: seq → message id.</summary>
    public IReadOnlyDictionary<long, string> View
    {
        get
        {
            lock (_view)
            {
                return new SortedDictionary<long, string>(_view);
            }
        }
    }

    /// <summary>Connected and caught up once (the scenario starts posting after every client is).</summary>
    public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The highest seq up to which the view has every message.</summary>
    public long Contiguous
    {
        get
        {
            lock (_view)
            {
                return ContiguousLocked();
            }
        }
    }

    /// <summary>Follows the conversation until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var index = 0;
        var first = true;
        while (!stop.IsCancellationRequested)
        {
            var endpoint = endpoints[index];
            try
            {
                await using var socket = await endpoint.ConnectAsync();
                if (!first)
                {
                    Reconnects++;
                }

                first = false;
                var ending = await FollowAsync(endpoint, socket, stop);
                lock (_view)
                {
                    _endings.Add($"{endpoint.Name}: {ending}");
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // Unreachable (killed, restarting) or dropped mid-catch-up: the next endpoint, after a breath.
                index = (index + 1) % endpoints.Count;
                try
                {
                    await Task.Delay(100, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits (bounded) until the view holds every seq up to <paramref name="lastSeq"/>; true when it does.</summary>
    public async Task<bool> WaitForAsync(long lastSeq, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Contiguous < lastSeq && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Contiguous >= lastSeq;
    }

    private async Task<string> FollowAsync(ChatEndpoint endpoint, GraphQLSocket socket, CancellationToken stop)
    {
        var subscription = await socket.SubscribeAsync(Subscription, new { c = conversationId });
        await CatchUpAsync(endpoint, stop);
        Ready.TrySetResult();
        long? lastLive = null;
        var seen = new HashSet<long>();
        while (!stop.IsCancellationRequested)
        {
            if (await socket.TryNextFrameAsync(subscription, TimeSpan.FromMilliseconds(200)) is not { } frame)
            {
                continue;
            }

            var type = frame.GetProperty("type").GetString();
            if (type != "next")
            {
                return type == "closed" ? $"closed {(int?)socket.CloseStatus ?? 1006}" : $"{type} {frame}";
            }

            var message = frame.GetProperty("payload").GetProperty("data").GetProperty("onCreateMessage");
            var seq = message.GetProperty("seq").GetInt64();
            var fillFrom = RecordLive(endpoint.Name, seq, message.GetProperty("id").GetString()!, lastLive, seen);
            lastLive = Math.Max(lastLive ?? seq, seq);
            if (fillFrom is { } after)
            {
                await CatchUpAsync(endpoint, stop, after);
            }
        }

        return "stopped";
    }

    /// <summary>Adds a live message; returns the seq to fetch after when this first live message leaves a hole behind it.</summary>
    private long? RecordLive(string endpoint, long seq, string id, long? lastLive, HashSet<long> seen)
    {
        lock (_view)
        {
            LiveDelivered++;
            if (!seen.Add(seq))
            {
                Duplicates++;
                _faults.Add($"{Name} on {endpoint}: seq {seq} delivered twice");
            }
            else if (lastLive is { } last && seq < last)
            {
                OutOfOrder++;
                _faults.Add($"{Name} on {endpoint}: seq {seq} after {last}");
            }
            else if (lastLive is { } previous && seq > previous + 1)
            {
                Gaps++;
                _faults.Add($"{Name} on {endpoint}: seq {previous + 1}..{seq - 1} skipped live");
            }

            _view.TryAdd(seq, id);
            var contiguous = ContiguousLocked();
            return lastLive is null && seq > contiguous + 1 ? contiguous : null;
        }
    }

    private async Task CatchUpAsync(ChatEndpoint endpoint, CancellationToken stop, long? after = null)
    {
        string? next = null;
        var from = after ?? Contiguous;
        do
        {
            var response = await endpoint.PostAsync(Messages, new { c = conversationId, after = from, next }, stop);
            if (response.TryGetProperty("errors", out var errors))
            {
                throw new InvalidOperationException($"{Name}: catch-up failed: {errors}");
            }

            var page = response.GetProperty("data").GetProperty("getConvo").GetProperty("messages");
            lock (_view)
            {
                foreach (var item in page.GetProperty("items").EnumerateArray())
                {
                    if (_view.TryAdd(item.GetProperty("seq").GetInt64(), item.GetProperty("id").GetString()!))
                    {
                        FetchedByCatchUp++;
                    }
                }
            }

            next = page.GetProperty("nextToken").ValueKind == JsonValueKind.String ? page.GetProperty("nextToken").GetString() : null;
        }
        while (next is not null);
    }

    private long ContiguousLocked()
    {
        long contiguous = 0;
        while (_view.ContainsKey(contiguous + 1))
        {
            contiguous++;
        }

        return contiguous;
    }
}
