using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One conversation's stream: its new messages in seq order (<c>onCreateMessage</c>), or every change in rev order
/// (<c>onConversationEvent</c>), which with <c>afterRev</c> first replays the store's changes since then. The replay
/// has no race with live events: the subscriber attaches to the feed first, live events wait while the replay reads,
/// and those the replay already covered (rev at or below what it read through) are dropped.
/// A member removed ends here: the removal event (on the rev stream), then FORBIDDEN.
/// </summary>
public sealed class ConversationSource(LiveFeeds feeds, IChatStore store, string conversationId, bool changes, long? afterRev) : ILiveSource
{
    private const int ReplayPage = 500;

    public bool HasCallerState => true;

    public object? Root(object liveEvent) => changes ? liveEvent as ConversationEvent : liveEvent as Message;

    internal static ChatException Removed() => ChatException.Forbidden("You are no longer a member of this conversation.");

    public async Task<IDisposable> StartAsync(LiveSubscriber subscriber, CancellationToken cancellationToken)
    {
        if (!changes)
        {
            return await feeds.AttachAsync(conversationId, new FeedMember(subscriber, e => e is Message, () => subscriber.End(Removed())), cancellationToken);
        }

        if (afterRev is not { } after)
        {
            return await feeds.AttachAsync(conversationId, new FeedMember(subscriber, e => e is ConversationEvent, () => subscriber.End(Removed())), cancellationToken);
        }

        var gate = new ReplayGate(subscriber);
        var attachment = await feeds.AttachAsync(conversationId, new FeedMember(subscriber, gate.PassLive, gate.Revoked), cancellationToken);
        try
        {
            var previous = after;
            while (true)
            {
                var batch = await store.ListChangesAsync(conversationId, after, ReplayPage, cancellationToken);
                if (batch.Conversation is not { } conversation)
                {
                    break;
                }

                foreach (var record in batch.Items)
                {
                    subscriber.Deliver(ConversationEvent.From(ConversationEvent.ToChange(record, conversation), previous));
                    previous = record.Rev;
                }

                after = Math.Max(after, batch.ThroughRev);
                if (!batch.HasMore)
                {
                    break;
                }
            }

            gate.Open(after);
            return attachment;
        }
        catch
        {
            attachment.Dispose();
            throw;
        }
    }

    /// <summary>Holds live events while the replay runs; then lets through those after it, and the removal if one came.</summary>
    private sealed class ReplayGate(LiveSubscriber subscriber)
    {
        private readonly Lock _gate = new();
        private readonly List<ConversationEvent> _held = [];
        private bool _open;
        private bool _revoked;

        public bool PassLive(object feedEvent)
        {
            if (feedEvent is not ConversationEvent live)
            {
                return false;
            }

            lock (_gate)
            {
                if (_open)
                {
                    return true;
                }

                _held.Add(live);
                return false;
            }
        }

        public void Revoked()
        {
            lock (_gate)
            {
                if (!_open)
                {
                    _revoked = true;
                    return;
                }
            }

            subscriber.End(Removed());
        }

        public void Open(long replayedThrough)
        {
            lock (_gate)
            {
                foreach (var held in _held)
                {
                    if (held.Rev > replayedThrough)
                    {
                        subscriber.Deliver(held);
                    }
                }

                _held.Clear();
                _open = true;
                if (_revoked)
                {
                    subscriber.End(Removed());
                }
            }
        }
    }
}
