using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Typing;

/// <summary>
/// The source of one <c>onTyping</c> subscription, built on the bus port alone (<see cref="IEventBus.Listen"/>), so it
/// does not depend on how the transport delivers results. Per subscriber it keeps who is typing and:
/// <list type="bullet">
/// <item>passes on every <see cref="TypingChanged"/> of the conversation except the subscriber's own (a person's other
/// devices do not show "you are typing");</item>
/// <item>sends <c>typing: false</c> for someone whose <c>expiresAt</c> passed without a refresh, so a client that
/// missed the stop (a lost event, a closed tab) still clears the indicator;</item>
/// <item>sends a final <c>typing: false</c> for a typing member who leaves or is removed, and drops their typing
/// events set before the removal that arrive after it (another subject, so no order between the two);</item>
/// <item>ends with FORBIDDEN when the subscriber is removed. The removal comes on the conversation's topic; since
/// the bus may lose it, a gap in the revs seen there, or the bus coming back after an outage, makes it read the
/// membership from the store again. It also reads it once just after it starts listening, which closes the
/// window between the resolver's check and the first event.</item>
/// </list>
/// </summary>
public sealed partial class TypingStream(
    IEventBus bus,
    string conversationId,
    string subscriberId,
    Func<CancellationToken, Task<long?>> readMembership,
    TimeProvider time,
    ILogger<TypingStream> logger) : IObservable<object?>
{
    private readonly IEventBus _bus = bus;
    private readonly string _conversationId = conversationId;
    private readonly string _subscriberId = subscriberId;
    private readonly Func<CancellationToken, Task<long?>> _readMembership = readMembership;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        var subscription = new Subscription(this, observer);
        subscription.Start();
        return subscription;
    }

    private sealed class Subscription(TypingStream owner, IObserver<object?> observer) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, TypingChanged> _typing = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DateTimeOffset> _removedAt = new(StringComparer.Ordinal);
        private readonly CancellationTokenSource _ending = new();
        private IDisposable? _typingEvents;
        private IDisposable? _changes;
        private ITimer? _expiry;
        private long? _lastRev;
        private bool _checking;
        private bool _checkAgain;
        private bool _ended;

        public void Start()
        {
            _expiry = owner._time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _changes = owner._bus.Listen(Topic.Conversation(owner._conversationId), OnChange);
            _typingEvents = owner._bus.Listen(Topic.Typing(owner._conversationId), OnTyping);
            CheckMembership();
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _ended = true;
            }

            Release();
        }

        private void OnTyping(ChatEvent chatEvent)
        {
            if (chatEvent is not TypingChanged typing || typing.ConversationId != owner._conversationId)
            {
                return;
            }

            var userId = typing.User.Id;
            lock (_gate)
            {
                if (_ended || userId == owner._subscriberId || (_removedAt.TryGetValue(userId, out var removedAt) && typing.At <= removedAt))
                {
                    return;
                }

                if (typing.Typing)
                {
                    if (typing.ExpiresAt <= owner._time.GetUtcNow())
                    {
                        return; // arrived after it lapsed (a slow bus): showing it now would be wrong
                    }

                    _typing[userId] = typing;
                    ScheduleExpiry();
                }
                else
                {
                    _typing.Remove(userId);
                }

                observer.OnNext(typing);
            }
        }

        private void OnChange(ChatEvent chatEvent)
        {
            if (chatEvent is BusResumed)
            {
                CheckMembership();
                return;
            }

            if (chatEvent is not ConversationChanged changed)
            {
                return;
            }

            var check = false;
            lock (_gate)
            {
                if (_ended)
                {
                    return;
                }

                if (_lastRev is { } last && changed.Rev > last)
                {
                    // One rev missing means a change (perhaps this subscriber's removal) was lost on the way.
                    check = changed.Rev > last + 1;
                    _lastRev = changed.Rev;
                }

                if (changed.Link is { } link && changed.Kind == ChangeKind.MemberRemoved)
                {
                    if (link.UserId == owner._subscriberId)
                    {
                        End();
                        return;
                    }

                    // setTyping refuses non-members, so only a state set before the removal can still be on its way.
                    _removedAt[link.UserId] = changed.At;
                    if (_typing.Remove(link.UserId, out var was))
                    {
                        observer.OnNext(Stopped(was, changed.At));
                    }
                }
            }

            if (check)
            {
                CheckMembership();
            }
        }

        /// <summary>Reads the membership from the store, one read at a time; a request during a read runs one more after it.</summary>
        private void CheckMembership()
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return;
                }

                if (_checking)
                {
                    _checkAgain = true;
                    return;
                }

                _checking = true;
            }

            _ = CheckMembershipAsync();
        }

        private async Task CheckMembershipAsync()
        {
            while (true)
            {
                long? rev = null;
                var failed = false;
                try
                {
                    rev = await owner._readMembership(_ending.Token);
                }
                catch (OperationCanceledException) when (_ending.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The store is away: keep delivering; the next gap or bus resume asks again.
                    failed = true;
                    LogMembershipCheckFailed(owner._logger, ex, owner._conversationId);
                }

                lock (_gate)
                {
                    if (_ended)
                    {
                        return;
                    }

                    if (!failed)
                    {
                        if (rev is not { } current)
                        {
                            End();
                            return;
                        }

                        _lastRev = Math.Max(_lastRev ?? 0, current);
                    }

                    if (!_checkAgain)
                    {
                        _checking = false;
                        return;
                    }

                    _checkAgain = false;
                }
            }
        }

        private void Expire()
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return;
                }

                var now = owner._time.GetUtcNow();
                List<TypingChanged>? lapsed = null;
                foreach (var typing in _typing.Values)
                {
                    if (typing.ExpiresAt <= now)
                    {
                        (lapsed ??= []).Add(typing);
                    }
                }

                foreach (var typing in lapsed ?? [])
                {
                    _typing.Remove(typing.User.Id);
                    observer.OnNext(Stopped(typing, typing.ExpiresAt));
                }

                ScheduleExpiry();
            }
        }

        /// <summary>Arms the timer for the earliest expiry (under the gate).</summary>
        private void ScheduleExpiry()
        {
            if (_typing.Count == 0)
            {
                _expiry!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            var earliest = DateTimeOffset.MaxValue;
            foreach (var typing in _typing.Values)
            {
                earliest = typing.ExpiresAt < earliest ? typing.ExpiresAt : earliest;
            }

            var due = earliest - owner._time.GetUtcNow();
            _expiry!.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        /// <summary>The subscriber is no longer a member: FORBIDDEN, and nothing after it (under the gate).</summary>
        private void End()
        {
            _ended = true;
            observer.OnError(ChatException.Forbidden("You are no longer a member of this conversation."));
            _ = Task.Run(Release);
        }

        private void Release()
        {
            _typingEvents?.Dispose();
            _changes?.Dispose();
            _expiry?.Dispose();
            try
            {
                _ending.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private static TypingChanged Stopped(TypingChanged typing, DateTimeOffset at)
        {
            var stoppedAt = Timestamps.Truncate(at);
            return typing with { Typing = false, At = stoppedAt, ExpiresAt = stoppedAt };
        }
    }

    [LoggerMessage(EventId = 3300, EventName = "TypingMembershipCheckFailed", Level = LogLevel.Warning,
        Message = "Reading the membership of an onTyping subscriber of conversation {ConversationId} failed; delivery goes on and the next gap asks again")]
    private static partial void LogMembershipCheckFailed(ILogger logger, Exception exception, string conversationId);
}
