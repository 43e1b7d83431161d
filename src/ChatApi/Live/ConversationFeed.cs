using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One conversation's live state on this instance, while it has local subscribers: it listens to the conversation's
/// topic, puts <see cref="ConversationChanged"/> events in rev order (<see cref="Sequencer{T}"/>), repairs a gap — or
/// a missing tail, found by a periodic lastRev check and on <see cref="BusResumed"/> — from the store's rev-ordered
/// change read, and hands every change to the attached subscribers that want it, plus every new message in seq order.
/// <para>
/// It keeps in memory what deliveries and per-caller fields need: who is a member now (and with which role), each
/// local subscriber's read mark (from <see cref="ReadMarkMoved"/> on their user topic) and the recent messages for
/// unread counts. Every delivery is checked against that membership, which moves only in rev order: a member removed
/// at rev R gets the event of R and nothing after it, also when the bus lost R (the next event's gap, or the tail
/// check, brings R back from the store first).
/// </para>
/// </summary>
public sealed partial class ConversationFeed : IDisposable
{
    private const int RepairPage = 500;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly LiveFeeds _owner;
    private readonly IEventBus _bus;
    private readonly IChatStore _store;
    private readonly TimeProvider _time;
    private readonly LiveOptions _options;
    private readonly ChatTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly List<ConversationChanged> _early = [];
    private readonly Dictionary<string, ConvoLink> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _readSeqs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, IDisposable Listener)> _userTopics = new(StringComparer.Ordinal);
    private readonly List<(long Position, ConversationChanged Item)> _revsOut = [];
    private readonly List<(long Position, Message Item)> _creationsOut = [];
    private readonly List<FeedMember> _revoked = [];
    private FeedMember[] _attached = [];
    private Sequencer<ConversationChanged>? _revs;
    private Sequencer<Message>? _creations;
    private MessageIndex? _index;
    private long _lastRev;
    private long _lastHeard;
    private Task? _start;
    private IDisposable? _listener;
    private ITimer? _timer;
    private bool _repairing;
    private bool _stopped;

    internal ConversationFeed(LiveFeeds owner, string conversationId, IEventBus bus, IChatStore store, TimeProvider time, LiveOptions options, ChatTelemetry telemetry, ILogger logger)
    {
        _owner = owner;
        Id = conversationId;
        _bus = bus;
        _store = store;
        _time = time;
        _options = options;
        _telemetry = telemetry;
        _logger = logger;
    }

    public string Id { get; }

    /// <summary>Guarded by the owner's lock: attachments (and attaches in progress) holding this feed.</summary>
    internal int References { get; set; }

    public int AttachedCount => Volatile.Read(ref _attached).Length;

    /// <summary>The rev everything up to which has been handed on.</summary>
    public long Rev
    {
        get
        {
            lock (_gate)
            {
                return _revs?.Delivered ?? 0;
            }
        }
    }

    /// <summary>
    /// Attaches a subscriber: from now on it gets the events it wants. FORBIDDEN when its user is not a member by the
    /// feed's state. Its read mark is read once here (and the messages its unread count needs, if older than the feed's).
    /// </summary>
    public async Task<IDisposable> AttachAsync(FeedMember member, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken);
        var readSeq = await _store.GetReadSeqAsync(Id, member.UserId, cancellationToken);
        await LoadMessagesAsync(readSeq, cancellationToken);
        lock (_gate)
        {
            if (!IsMemberLocked(member.UserId))
            {
                throw ChatException.Forbidden("You are not a member of this conversation.");
            }

            _readSeqs[member.UserId] = Math.Max(readSeq, _readSeqs.GetValueOrDefault(member.UserId));
            if (_userTopics.TryGetValue(member.UserId, out var topic))
            {
                _userTopics[member.UserId] = (topic.Count + 1, topic.Listener);
            }
            else
            {
                _userTopics[member.UserId] = (1, _bus.Listen(Topic.User(member.UserId), OnUserEvent));
            }

            _attached = [.. _attached, member];
        }

        return new Attachment(this, member);
    }

    public bool IsMember(string userId)
    {
        lock (_gate)
        {
            return IsMemberLocked(userId);
        }
    }

    /// <summary>
    /// The user's unread messages, counting only up to <paramref name="throughSeq"/>: an event is written out after
    /// later messages may have arrived, and its count must be the one as of that event.
    /// </summary>
    public int UnreadCount(string userId, long throughSeq = long.MaxValue) => Count(userId, mentionsOnly: false, throughSeq);

    public int UnreadMentionCount(string userId, long throughSeq = long.MaxValue) => Count(userId, mentionsOnly: true, throughSeq);

    /// <summary>The user's role as its GraphQL enum name; null when not a member.</summary>
    public string? RoleName(string userId)
    {
        lock (_gate)
        {
            return _links.TryGetValue(userId, out var link) && link.RemovedAt is null ? link.Role.ToString().ToUpperInvariant() : null;
        }
    }

    /// <summary>Asks the store whether changes were committed that the bus has not brought (a lost last event).</summary>
    public void CheckTail() => _ = CheckTailAsync();

    private int Count(string userId, bool mentionsOnly, long throughSeq)
    {
        lock (_gate)
        {
            return _index is not null && _readSeqs.TryGetValue(userId, out var readSeq) ? _index.Unread(userId, readSeq, mentionsOnly, throughSeq) : 0;
        }
    }

    private bool IsMemberLocked(string userId) => _links.TryGetValue(userId, out var link) && link.RemovedAt is null;

    private async Task StartAsync(CancellationToken cancellationToken)
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
        // Listen first, then read: whatever commits after the read is either heard or revealed by its gap.
        lock (_gate)
        {
            _listener ??= _bus.Listen(Topic.Conversation(Id), OnBusEvent);
        }

        var conversation = await _store.GetConversationAsync(Id, CancellationToken.None) ?? throw ChatException.NotFound("Conversation");
        var members = await _store.ListMembersAsync(Id, CancellationToken.None);
        lock (_gate)
        {
            _revs = new Sequencer<ConversationChanged>(conversation.LastRev);
            _creations = new Sequencer<Message>(conversation.LastSeq);
            _index = new MessageIndex(conversation.LastSeq);
            _lastRev = conversation.LastRev;
            _lastHeard = _time.GetTimestamp();
            foreach (var link in members)
            {
                ApplyLinkLocked(link);
            }

            foreach (var change in _early)
            {
                _revs.Offer(change.Rev, change, _revsOut);
            }

            _early.Clear();
            EmitLocked();
            _timer = _time.CreateTimer(_ => OnTimer(), null, _options.TailCheckInterval, _options.TailCheckInterval);
        }

        RunRevoked();
    }

    /// <summary>
    /// Makes the message index reach back to <paramref name="readSeq"/>. One load at a time: many subscribers
    /// attaching at once (a room reconnecting) wait for the first load instead of each reading the same messages.
    /// </summary>
    private async Task LoadMessagesAsync(long readSeq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_index!.Missing(readSeq) is null)
            {
                return;
            }
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            await LoadMessagesCoreAsync(readSeq, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task LoadMessagesCoreAsync(long readSeq, CancellationToken cancellationToken)
    {
        (long After, long Through)? missing;
        lock (_gate)
        {
            missing = _index!.Missing(readSeq);
        }

        if (missing is not { } range)
        {
            return;
        }

        var loaded = new List<Message>();
        var after = range.After;
        while (after < range.Through)
        {
            var page = await _store.ListMessagesAsync(Id, after, new PageRequest(PageRequest.MaxLimit), cancellationToken);
            loaded.AddRange(page.Items.Where(m => m.Seq <= range.Through));
            if (page.Items.Count == 0 || page.NextKey is null)
            {
                break;
            }

            after = page.Items[^1].Seq;
        }

        lock (_gate)
        {
            _index!.Loaded(range.After, loaded);
        }
    }

    private void OnBusEvent(ChatEvent chatEvent)
    {
        if (chatEvent is BusResumed)
        {
            CheckTail();
            return;
        }

        if (chatEvent is not ConversationChanged change || change.ConversationId != Id)
        {
            return;
        }

        lock (_gate)
        {
            _lastHeard = _time.GetTimestamp();
            if (_revs is null)
            {
                _early.Add(change);
                return;
            }

            _revs.Offer(change.Rev, change, _revsOut);
            EmitLocked();
            if (_revs.HasGap)
            {
                ScheduleRepairLocked(delay: true);
            }
        }

        RunRevoked();
    }

    private void OnUserEvent(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case ReadMarkMoved moved when moved.ConversationId == Id:
                lock (_gate)
                {
                    if (_readSeqs.TryGetValue(moved.UserId, out var current) && moved.Seq > current)
                    {
                        _readSeqs[moved.UserId] = moved.Seq;
                    }
                }

                break;
            case UserUnlinked unlinked when unlinked.Link.ConversationId == Id:
                // The member's own topic heard of the removal: make sure the conversation's stream has it too.
                CheckTail();
                break;
        }
    }

    /// <summary>Hands on what the sequencer released: membership moves in rev order, a removal after its own event.</summary>
    private void EmitLocked()
    {
        foreach (var (rev, change) in _revsOut)
        {
            var liveEvent = ConversationEvent.From(change, _lastRev);
            _lastRev = rev;
            if (change.Message is { } message)
            {
                _index!.Upsert(message);
                if (message.Seq > _creations!.Delivered)
                {
                    _creations.Offer(message.Seq, message, _creationsOut);
                }
            }

            var removal = change.Kind == ChangeKind.MemberRemoved;
            if (!removal && change.Link is { } link)
            {
                ApplyLinkLocked(link);
            }

            DeliverLocked(liveEvent, removal ? change.Link?.UserId : null);
            EmitCreationsLocked();
            if (change.Link is { } changed)
            {
                if (removal)
                {
                    ApplyLinkLocked(changed);
                }

                CollectRevokedLocked();
            }
        }

        _revsOut.Clear();
    }

    private void EmitCreationsLocked()
    {
        foreach (var (_, message) in _creationsOut)
        {
            DeliverLocked(message, null);
            _telemetry.DeliveryLatency.Record((_time.GetUtcNow() - message.CreatedAt).TotalMilliseconds);
        }

        _creationsOut.Clear();
    }

    private void DeliverLocked(object feedEvent, string? removedUserId)
    {
        var attached = _attached;
        // One recipient renders for all (the render is shared by selection): one who stays a member.
        LiveSubscriber? renderAs = null;
        foreach (var member in attached)
        {
            if (member.Subscriber.Active && member.UserId != removedUserId && IsMemberLocked(member.UserId))
            {
                renderAs = member.Subscriber;
                break;
            }
        }

        // What per-caller counts mean for this event: messages up to the newest held now, not at write-out time.
        var asOf = new SeqBound(Id, _index?.LastSeq ?? long.MaxValue);
        var delivered = 0;
        foreach (var member in attached)
        {
            if (member.Subscriber.Active && IsMemberLocked(member.UserId) && member.Wants(feedEvent))
            {
                member.Subscriber.Deliver(feedEvent, renderAs, asOf);
                delivered++;
            }
        }

        if (delivered > 0)
        {
            _telemetry.EventsDelivered.Add(delivered);
        }
    }

    private void ApplyLinkLocked(ConvoLink link)
    {
        if (!_links.TryGetValue(link.UserId, out var known) || known.Rev < link.Rev)
        {
            _links[link.UserId] = link;
        }
    }

    private void CollectRevokedLocked()
    {
        var attached = _attached;
        if (Array.TrueForAll(attached, m => IsMemberLocked(m.UserId)))
        {
            return;
        }

        _attached = Array.FindAll(attached, m => IsMemberLocked(m.UserId));
        foreach (var member in attached)
        {
            if (!IsMemberLocked(member.UserId))
            {
                ReleaseUserTopicLocked(member.UserId);
                _revoked.Add(member);
            }
        }
    }

    /// <summary>Tells revoked members, outside the lock (their reaction may detach or end subscriptions).</summary>
    private void RunRevoked()
    {
        FeedMember[] revoked;
        lock (_gate)
        {
            if (_revoked.Count == 0)
            {
                return;
            }

            revoked = [.. _revoked];
            _revoked.Clear();
        }

        foreach (var member in revoked)
        {
            Log.MemberRevoked(_logger, Id, member.UserId);
            member.Revoked();
        }
    }

    private void ReleaseUserTopicLocked(string userId)
    {
        if (!_userTopics.TryGetValue(userId, out var topic))
        {
            return;
        }

        if (topic.Count > 1)
        {
            _userTopics[userId] = (topic.Count - 1, topic.Listener);
            return;
        }

        _userTopics.Remove(userId);
        _readSeqs.Remove(userId);
        topic.Listener.Dispose();
    }

    private void Detach(FeedMember member)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_attached, member) < 0)
            {
                return;
            }

            _attached = Array.FindAll(_attached, m => m != member);
            ReleaseUserTopicLocked(member.UserId);
        }
    }

    private void OnTimer()
    {
        bool idle;
        lock (_gate)
        {
            idle = !_stopped && _time.GetElapsedTime(_lastHeard) >= _options.TailCheckInterval;
        }

        if (idle)
        {
            CheckTail();
        }
    }

    private async Task CheckTailAsync()
    {
        try
        {
            var conversation = await _store.GetConversationAsync(Id, CancellationToken.None);
            lock (_gate)
            {
                _lastHeard = _time.GetTimestamp();
                if (conversation is not null && _revs is not null && !_stopped && conversation.LastRev > _revs.Delivered)
                {
                    ScheduleRepairLocked(delay: false);
                }
            }
        }
        catch (Exception exception)
        {
            Log.RepairFailed(_logger, exception, Id);
        }
    }

    private void ScheduleRepairLocked(bool delay)
    {
        if (_repairing || _stopped)
        {
            return;
        }

        _repairing = true;
        _ = RepairAsync(delay);
    }

    /// <summary>Reads what the stream lacks from the store, in rev order, until it is up to date with the store's snapshot.</summary>
    private async Task RepairAsync(bool delay)
    {
        try
        {
            if (delay)
            {
                await Task.Delay(_options.GapGrace, _time);
            }

            while (true)
            {
                long after;
                lock (_gate)
                {
                    if (_stopped || (delay && !_revs!.HasGap))
                    {
                        return;
                    }

                    after = _revs!.Delivered;
                }

                var batch = await _store.ListChangesAsync(Id, after, RepairPage, CancellationToken.None);
                if (batch.Conversation is not { } conversation)
                {
                    return;
                }

                lock (_gate)
                {
                    foreach (var record in batch.Items)
                    {
                        _revs!.Offer(record.Rev, ConversationEvent.ToChange(record, conversation), _revsOut);
                    }

                    _revs!.SkipTo(batch.ThroughRev, _revsOut);
                    EmitLocked();
                    if (!batch.HasMore)
                    {
                        // Every message up to the snapshot's lastSeq has been seen by now: release any still waiting.
                        _creations!.SkipTo(conversation.LastSeq, _creationsOut);
                        EmitCreationsLocked();
                    }
                }

                RunRevoked();
                Log.Repaired(_logger, Id, after, batch.ThroughRev, batch.Items.Count);
                if (!batch.HasMore)
                {
                    return;
                }
            }
        }
        catch (Exception exception)
        {
            Log.RepairFailed(_logger, exception, Id);
        }
        finally
        {
            lock (_gate)
            {
                _repairing = false;
                if (_revs is { HasGap: true } && !_stopped)
                {
                    ScheduleRepairLocked(delay: true);
                }
            }
        }
    }

    /// <summary>Stops listening (the owner calls it once the last attachment is gone, so no attach is in progress).</summary>
    public void Dispose()
    {
        Stop();
        _loading.Dispose();
    }

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _listener?.Dispose();
            _listener = null;
            _timer?.Dispose();
            _timer = null;
            foreach (var (_, topic) in _userTopics)
            {
                topic.Listener.Dispose();
            }

            _userTopics.Clear();
        }
    }

    private sealed class Attachment(ConversationFeed feed, FeedMember member) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Detach(member);
                feed._owner.Release(feed);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, EventName = "LiveGapRepaired", Level = LogLevel.Debug,
            Message = "Conversation {ConversationId}: read the changes after rev {After} through {Through} ({Count} record(s)) from the store")]
        public static partial void Repaired(ILogger logger, string conversationId, long after, long through, int count);

        [LoggerMessage(EventId = 4002, EventName = "LiveRepairFailed", Level = LogLevel.Error,
            Message = "Conversation {ConversationId}: reading missed changes from the store failed; retried on the next gap or tail check")]
        public static partial void RepairFailed(ILogger logger, Exception exception, string conversationId);

        [LoggerMessage(EventId = 4003, EventName = "LiveMemberRevoked", Level = LogLevel.Information,
            Message = "Conversation {ConversationId}: user {UserId} is no longer a member; their live subscriptions to it end")]
        public static partial void MemberRevoked(ILogger logger, string conversationId, string userId);
    }
}
