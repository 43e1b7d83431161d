namespace Chatt.Bench.Load;

/// <summary>
/// What a receiving socket subscribes to. The selections are the web client's (src/Web/src/api/operations.ts:
/// <c>MessageFields</c>, <c>ConvoSummary</c>, <c>InboxSubscription</c>), so the server does the work a browser
/// makes it do.
/// </summary>
internal enum SubscriptionKind
{
    /// <summary><c>onInbox</c>: one subscription per socket, every conversation of the user.</summary>
    OnInbox,

    /// <summary><c>onCreateMessage(messageConversationId)</c>: one subscription per conversation of the user.</summary>
    OnCreateMessage,

    /// <summary>
    /// <c>onConversationEvent(conversationId)</c>: one per conversation; ordered by rev with prevRev. The stream
    /// engineer's subscription (issue 10): answers "unknown field" on a server that does not have it yet.
    /// </summary>
    OnConversationEvent,
}

internal static class Subscriptions
{
    public const string MessageFields = """
        fragment MessageFields on Message { id seq content createdAt messageConversationId authorId author { id username } }
        """;

    public const string ConvoSummary = """
        fragment ConvoSummary on Conversation {
          id name members lastSeq unreadCount lastActivityAt
          lastMessage { id seq content createdAt author { id username } }
        }
        """;

    public const string Inbox = """
        subscription Inbox { onInbox { conversationId conversation { ...ConvoSummary } message { ...MessageFields } link { id } } }
        """ + "\n" + ConvoSummary + "\n" + MessageFields;

    public const string CreateMessage = """
        subscription OnCreateMessage($c: ID!) { onCreateMessage(messageConversationId: $c) { ...MessageFields } }
        """ + "\n" + MessageFields;

    public const string ConversationEvent = """
        subscription OnConversationEvent($c: ID!) { onConversationEvent(conversationId: $c) { conversationId kind rev prevRev message { ...MessageFields } } }
        """ + "\n" + MessageFields;

    /// <summary>The web client's send (SendMessageMutation): a client id, so a retry is answered with the original.</summary>
    public const string SendMessage = """
        mutation SendMessage($id: ID!, $conversationId: ID!, $content: String!, $createdAt: String) {
          createMessage(input: { id: $id, messageConversationId: $conversationId, content: $content, createdAt: $createdAt }) { ...MessageFields }
        }
        """ + "\n" + MessageFields;

    public static SubscriptionKind Parse(string value) => value.ToLowerInvariant() switch
    {
        "oninbox" or "inbox" => SubscriptionKind.OnInbox,
        "oncreatemessage" or "createmessage" => SubscriptionKind.OnCreateMessage,
        "onconversationevent" or "conversationevent" => SubscriptionKind.OnConversationEvent,
        _ => throw new ArgumentException($"--subscription must be onInbox, onCreateMessage or onConversationEvent, not '{value}'."),
    };
}
