using Chatt.ChatApi.Events;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// One user's inbox: the ordered message feeds of all their conversations plus their own topic, on which they
/// learn of conversations they are added to — at which point that conversation's feed joins the inbox.
/// </summary>
public sealed class InboxStream(IChatStore store, IEventBus bus, MessageFeeds feeds, string userId)
{
    private readonly HashSet<string> _joined = new(StringComparer.Ordinal);

    public PushStream Stream { get; } = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The user topic first, so a conversation created while the feeds start up is not missed.
            Stream.Own(bus.Listen(Topic.User(userId), OnUserEvent));
            foreach (var conversationId in await store.GetConversationIdsOfUserAsync(userId, cancellationToken))
            {
                await JoinAsync(conversationId, cancellationToken);
            }
        }
        catch
        {
            Stream.Dispose();
            throw;
        }
    }

    private async Task JoinAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_joined)
        {
            if (!_joined.Add(conversationId))
            {
                return;
            }
        }

        Stream.Own(await feeds.SubscribeAsync(conversationId, m => Stream.Push(new InboxEvent(m.ConversationId, m, null)), cancellationToken));
    }

    private void OnUserEvent(ChatEvent chatEvent)
    {
        if (chatEvent is UserLinked { Link: var link })
        {
            Stream.Push(new InboxEvent(link.ConversationId, null, link));
            _ = JoinLateAsync(link.ConversationId);
        }
    }

    private async Task JoinLateAsync(string conversationId)
    {
        try
        {
            await JoinAsync(conversationId, CancellationToken.None);
        }
        catch (Exception)
        {
            // The link event above already told the client about the conversation; if its feed cannot start now
            // (store unavailable), the client's next query of that conversation catches up by afterSeq.
        }
    }
}
