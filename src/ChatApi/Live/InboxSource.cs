using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One user's inbox: their user topic (being added to a conversation joins its feed) and the feeds of all their
/// conversations. Without <c>kinds</c> it carries what it always did: new messages (in seq order per conversation)
/// and the caller being added. With <c>kinds</c> it carries the chosen changes from each conversation's rev stream.
/// Once the caller is removed from a conversation, the inbox drops that feed: the removal (if asked for) is the last
/// thing it sends from there.
/// </summary>
public sealed class InboxSource(LiveFeeds feeds, IChatStore store, IEventBus bus, string userId, IReadOnlySet<InboxEventKind>? kinds) : ILiveSource
{
    private LiveFeeds Feeds { get; } = feeds;
    private IChatStore Store { get; } = store;
    private IEventBus Bus { get; } = bus;
    private string UserId { get; } = userId;

    public bool HasCallerState => true;

    public object? Root(object liveEvent) => liveEvent switch
    {
        Message message => new InboxEvent(message.ConversationId, message, null, ChangeKind.MessageCreated, message.Rev),
        ConversationEvent change => new InboxEvent(change.ConversationId, change.Message, change.Link, change.Kind, change.Rev),
        UserLinked linked => new InboxEvent(linked.Link.ConversationId, null, linked.Link, ChangeKind.MemberAdded, linked.Link.Rev),
        _ => null,
    };

    public async Task<IDisposable> StartAsync(LiveSubscriber subscriber, CancellationToken cancellationToken)
    {
        var inbox = new Inbox(this, subscriber);
        try
        {
            await inbox.StartAsync(cancellationToken);
            return inbox;
        }
        catch
        {
            inbox.Dispose();
            throw;
        }
    }

    private bool Wants(object feedEvent)
    {
        if (kinds is null)
        {
            return feedEvent is Message;
        }

        if (feedEvent is not ConversationEvent change)
        {
            return false;
        }

        var mentioned = kinds.Contains(InboxEventKind.Mentioned) && change.Message is { } message && MessageMentions.Includes(message, UserId);
        return change.Kind switch
        {
            ChangeKind.MessageCreated => kinds.Contains(InboxEventKind.MessageCreated) || mentioned,
            ChangeKind.MessageEdited => kinds.Contains(InboxEventKind.MessageEdited) || mentioned,
            ChangeKind.MessageDeleted => kinds.Contains(InboxEventKind.MessageDeleted),
            ChangeKind.ReactionAdded => kinds.Contains(InboxEventKind.ReactionAdded),
            ChangeKind.ReactionRemoved => kinds.Contains(InboxEventKind.ReactionRemoved),
            // The caller's own addition comes from their user topic (it is how the inbox learns of the conversation).
            ChangeKind.MemberAdded => kinds.Contains(InboxEventKind.MemberAdded) && change.Link?.UserId != UserId,
            ChangeKind.MemberRemoved => kinds.Contains(InboxEventKind.MemberRemoved),
            ChangeKind.MemberUpdated => kinds.Contains(InboxEventKind.MemberUpdated),
            ChangeKind.ConversationUpdated => kinds.Contains(InboxEventKind.ConversationUpdated),
            _ => false,
        };
    }

    private bool WantsOwnAddition => kinds is null || kinds.Contains(InboxEventKind.MemberAdded);

    private sealed class Inbox(InboxSource source, LiveSubscriber subscriber) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, IDisposable?> _joined = new(StringComparer.Ordinal);
        private IDisposable? _userTopic;
        private bool _disposed;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // The user topic first, so a conversation created while the feeds start up is not missed.
            _userTopic = source.Bus.Listen(Topic.User(source.UserId), OnUserEvent);
            foreach (var conversationId in await source.Store.GetConversationIdsOfUserAsync(source.UserId, cancellationToken))
            {
                await JoinAsync(conversationId, cancellationToken);
            }
        }

        private async Task<bool> JoinAsync(string conversationId, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_disposed || !_joined.TryAdd(conversationId, null))
                {
                    return true;
                }
            }

            IDisposable attachment;
            try
            {
                attachment = await source.Feeds.AttachAsync(conversationId, new FeedMember(subscriber, source.Wants, () => Drop(conversationId)), cancellationToken);
            }
            catch (ChatException)
            {
                // Removed meanwhile, or the feed has not yet seen the addition (the user topic can be ahead of it).
                lock (_gate)
                {
                    _joined.Remove(conversationId);
                }

                return false;
            }

            lock (_gate)
            {
                if (!_disposed && _joined.ContainsKey(conversationId))
                {
                    _joined[conversationId] = attachment;
                    return true;
                }
            }

            attachment.Dispose();
            return true;
        }

        private void OnUserEvent(ChatEvent chatEvent)
        {
            if (chatEvent is UserLinked { Link: var link } && subscriber.Active)
            {
                if (source.WantsOwnAddition)
                {
                    subscriber.Deliver(chatEvent);
                }

                _ = JoinLateAsync(link.ConversationId);
            }
        }

        private async Task JoinLateAsync(string conversationId)
        {
            try
            {
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    if (await JoinAsync(conversationId, CancellationToken.None))
                    {
                        return;
                    }

                    source.Feeds.Find(conversationId)?.CheckTail();
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)));
                }
            }
            catch (Exception)
            {
                // The link event above already told the client about the conversation; if its feed cannot start now
                // (store unavailable), the client's next query of that conversation catches up.
            }
        }

        private void Drop(string conversationId)
        {
            IDisposable? attachment;
            lock (_gate)
            {
                if (!_joined.Remove(conversationId, out attachment))
                {
                    return;
                }
            }

            attachment?.Dispose();
        }

        public void Dispose()
        {
            IDisposable?[] attachments;
            lock (_gate)
            {
                _disposed = true;
                attachments = [.. _joined.Values];
                _joined.Clear();
            }

            _userTopic?.Dispose();
            foreach (var attachment in attachments)
            {
                attachment?.Dispose();
            }
        }
    }
}
