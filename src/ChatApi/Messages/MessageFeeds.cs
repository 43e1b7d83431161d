using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// Where a conversation's live messages come from on this instance: one bus listener per conversation that has
/// local subscribers, shared by all of them, which hands messages on strictly in seq order.
/// <para>
/// Why here and not in the bus: writers on several instances commit seq 5 and 6 and publish independently, so
/// the bus may carry 6 first, and a bus outage may drop some. Seq is gap-free by the store's contract, so a
/// feed that sees a gap knows exactly what it lacks: it waits briefly for the late event, then reads the missing
/// range from the store. Subscribers therefore get every message after they subscribed, once, in order.
/// </para>
/// </summary>
public sealed partial class MessageFeeds(IEventBus bus, IChatStore store, TimeProvider time, ChatTelemetry telemetry, ILogger<MessageFeeds> logger)
{
    /// <summary>How long a gap may wait for its late event before the store is asked.</summary>
    internal static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(150);

    private readonly IEventBus _bus = bus;
    private readonly IChatStore _store = store;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;
    private readonly ChatTelemetry _telemetry = telemetry;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);

    /// <summary>
    /// Delivers every message of the conversation committed after this call started, in seq order, to
    /// <paramref name="sink"/> (called under the feed's lock: it must only enqueue), until the handle is disposed.
    /// </summary>
    public async Task<IDisposable> SubscribeAsync(string conversationId, Action<Message> sink, CancellationToken cancellationToken)
    {
        Feed feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(conversationId, out feed!))
            {
                feed = new Feed(this, conversationId);
                _feeds.Add(conversationId, feed);
            }

            feed.References++;
        }

        try
        {
            await feed.StartAsync(cancellationToken);
            return feed.AddSink(sink);
        }
        catch
        {
            Release(feed);
            throw;
        }
    }

    /// <summary>How many local subscriptions the conversation's feed serves (tests wait on this instead of sleeping).</summary>
    internal int SubscriberCount(string conversationId)
    {
        lock (_gate)
        {
            return _feeds.TryGetValue(conversationId, out var feed) ? feed.SinkCount : 0;
        }
    }

    private void Release(Feed feed)
    {
        lock (_gate)
        {
            if (--feed.References > 0)
            {
                return;
            }

            _feeds.Remove(feed.ConversationId);
        }

        feed.Stop();
    }

    private sealed class Feed(MessageFeeds owner, string conversationId)
    {
        private readonly Lock _gate = new();
        private readonly SortedDictionary<long, Message> _early = [];
        private Task? _start;
        private Action<Message>[] _sinks = [];
        private IDisposable? _listener;
        private bool _started;
        private bool _repairing;
        private long _delivered;

        public string ConversationId { get; } = conversationId;

        public int SinkCount => Volatile.Read(ref _sinks).Length;

        /// <summary>Guarded by the owner's lock.</summary>
        public int References { get; set; }

        /// <summary>Starts the feed once for all its subscribers; a failed start is retried by the next one.</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Task start;
            lock (_gate)
            {
                start = _start is { IsFaulted: false, IsCanceled: false } ? _start : _start = StartCoreAsync();
            }

            await start.WaitAsync(cancellationToken);
        }

        private async Task StartCoreAsync()
        {
            // Listen first, then read the last seq: anything committed after the read is either heard or,
            // if the bus missed it, found by the gap it leaves.
            lock (_gate)
            {
                _listener ??= owner._bus.Listen(Topic.Conversation(ConversationId), OnEvent);
            }

            var conversation = await owner._store.GetConversationAsync(ConversationId, CancellationToken.None);
            lock (_gate)
            {
                _delivered = conversation?.LastSeq ?? 0;
                _started = true;
                DrainLocked();
            }
        }

        public IDisposable AddSink(Action<Message> sink)
        {
            lock (_gate)
            {
                _sinks = [.. _sinks, sink];
            }

            return new SinkHandle(this, sink);
        }

        public void Stop()
        {
            _listener?.Dispose();
            _listener = null;
        }

        private void RemoveSink(Action<Message> sink)
        {
            lock (_gate)
            {
                _sinks = Array.FindAll(_sinks, s => s != sink);
            }

            owner.Release(this);
        }

        private void OnEvent(ChatEvent chatEvent)
        {
            if (chatEvent is BusResumed)
            {
                _ = CatchUpAsync();
                return;
            }

            if (chatEvent is not MessageCreated { Message: var message })
            {
                return;
            }

            lock (_gate)
            {
                if (_started && message.Seq <= _delivered)
                {
                    return;
                }

                _early[message.Seq] = message;
                if (_started)
                {
                    DrainLocked();
                }
            }
        }

        /// <summary>Hands on every message that continues the sequence; on a gap, starts a repair.</summary>
        private void DrainLocked()
        {
            while (_early.Count > 0)
            {
                var (seq, message) = _early.First();
                if (seq <= _delivered)
                {
                    _early.Remove(seq);
                    continue;
                }

                if (seq != _delivered + 1)
                {
                    if (!_repairing)
                    {
                        _repairing = true;
                        _ = RepairAsync();
                    }

                    return;
                }

                _early.Remove(seq);
                _delivered = seq;
                foreach (var sink in _sinks)
                {
                    sink(message);
                }

                owner._telemetry.EventsDelivered.Add(_sinks.Length);
                owner._telemetry.DeliveryLatency.Record((owner._time.GetUtcNow() - message.CreatedAt).TotalMilliseconds);
            }
        }

        /// <summary>Reads up to <paramref name="limit"/> messages after <paramref name="after"/> from the store into the reorder buffer.</summary>
        private async Task<Page<Message>> ReadFromStoreAsync(long after, int limit)
        {
            var page = await owner._store.ListMessagesAsync(ConversationId, after, new PageRequest(limit), CancellationToken.None);
            lock (_gate)
            {
                foreach (var message in page.Items)
                {
                    if (message.Seq > _delivered)
                    {
                        _early[message.Seq] = message;
                    }
                }
            }

            return page;
        }

        /// <summary>Reads everything after the last delivered seq from the store (after a bus outage).</summary>
        private async Task CatchUpAsync()
        {
            try
            {
                while (true)
                {
                    long after;
                    lock (_gate)
                    {
                        if (!_started)
                        {
                            return;
                        }

                        after = _delivered;
                    }

                    var page = await ReadFromStoreAsync(after, PageRequest.MaxLimit);
                    lock (_gate)
                    {
                        DrainLocked();
                    }

                    if (page.NextKey is null)
                    {
                        return;
                    }
                }
            }
            catch (Exception exception)
            {
                Log.RepairFailed(owner._logger, exception, ConversationId);
            }
        }

        private async Task RepairAsync()
        {
            try
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    await Task.Delay(GapGrace * (attempt + 1), owner._time);
                    long after;
                    long before;
                    lock (_gate)
                    {
                        if (_early.Count == 0 || _early.First().Key == _delivered + 1)
                        {
                            DrainLocked();
                            return;
                        }

                        after = _delivered;
                        before = _early.First().Key;
                    }

                    var limit = (int)Math.Min(before - after - 1, PageRequest.MaxLimit);
                    var missing = await ReadFromStoreAsync(after, limit);
                    Log.GapRepaired(owner._logger, ConversationId, after, before, missing.Items.Count);
                }

                // The store does not have the missing seq after all retries: skip it rather than stall the feed.
                lock (_gate)
                {
                    if (_early.Count > 0)
                    {
                        Log.GapSkipped(owner._logger, ConversationId, _delivered, _early.First().Key);
                        _delivered = _early.First().Key - 1;
                    }
                }
            }
            catch (Exception exception)
            {
                Log.RepairFailed(owner._logger, exception, ConversationId);
            }
            finally
            {
                lock (_gate)
                {
                    _repairing = false;
                    DrainLocked();
                }
            }
        }

        private sealed class SinkHandle(Feed feed, Action<Message> sink) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    feed.RemoveSink(sink);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, EventName = "MessageGapRepaired", Level = LogLevel.Information,
            Message = "Conversation {ConversationId}: filled the gap after seq {After} before {Before} with {Count} message(s) from the store")]
        public static partial void GapRepaired(ILogger logger, string conversationId, long after, long before, int count);

        [LoggerMessage(EventId = 3002, EventName = "MessageGapSkipped", Level = LogLevel.Warning,
            Message = "Conversation {ConversationId}: seq after {After} before {Before} never appeared in the store; skipped")]
        public static partial void GapSkipped(ILogger logger, string conversationId, long after, long before);

        [LoggerMessage(EventId = 3003, EventName = "MessageGapRepairFailed", Level = LogLevel.Error,
            Message = "Conversation {ConversationId}: gap repair failed")]
        public static partial void RepairFailed(ILogger logger, Exception exception, string conversationId);
    }
}
