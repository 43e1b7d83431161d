namespace Chatt.ChatApi.Events;

/// <summary>What a <see cref="ConversationChanged"/> event records; each one took exactly one rev.</summary>
public enum ChangeKind
{
    MessageCreated,
    MessageEdited,
    MessageDeleted,
    ReactionAdded,
    ReactionRemoved,
    MemberAdded,
    MemberRemoved,
    MemberUpdated,
    ConversationUpdated,
}
