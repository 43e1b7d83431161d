namespace Chatt.ChatApi.Messages;

/// <summary>What an <c>onInbox(kinds)</c> subscriber asks for; <see cref="Mentioned"/> adds new or edited messages that mention the caller.</summary>
public enum InboxEventKind
{
    MessageCreated,
    MessageEdited,
    MessageDeleted,
    ReactionAdded,
    ReactionRemoved,
    Mentioned,
    MemberAdded,
    MemberRemoved,
    MemberUpdated,
    ConversationUpdated,
}
