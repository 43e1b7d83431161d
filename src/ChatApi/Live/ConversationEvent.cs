using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One change of a conversation as a subscriber sees it (<c>type ConversationEvent</c>): the state after the change,
/// its rev, and <see cref="PrevRev"/>, the rev it directly follows on this stream (revs in between were superseded:
/// a replay or repair gives each record once, at its latest rev, so nothing in between is left to apply).
/// </summary>
public sealed record ConversationEvent(
    string ConversationId,
    ChangeKind Kind,
    long Rev,
    long PrevRev,
    DateTimeOffset At,
    string? ActorId,
    Conversation Conversation,
    Message? Message,
    ConvoLink? Link,
    string? Emoji)
{
    public static ConversationEvent From(ConversationChanged change, long prevRev) =>
        new(change.ConversationId, change.Kind, change.Rev, prevRev, change.At, change.ActorId, change.Conversation, change.Message, change.Link, change.Emoji);

    /// <summary>
    /// A record read back from the store (a replay after a rev, or a repair of a lost event) as the change it stands
    /// for: its kind is read from its state (a tombstone is a deletion or removal; an edited message an edit; else a
    /// creation or addition; the conversation record a rename), and it carries the state it has now.
    /// </summary>
    public static ConversationChanged ToChange(ChangedRecord record, Conversation conversation)
    {
        var (kind, at, actor) = record switch
        {
            { Message: { DeletedAt: { } deleted } m } => (ChangeKind.MessageDeleted, deleted, m.DeletedBy ?? m.AuthorId),
            { Message: { EditedAt: { } edited } m } => (ChangeKind.MessageEdited, edited, m.AuthorId),
            { Message: { } m } => (ChangeKind.MessageCreated, m.CreatedAt, m.AuthorId),
            { Link: { RemovedAt: { } removed } l } => (ChangeKind.MemberRemoved, removed, l.UserId),
            { Link: { } l } => (ChangeKind.MemberAdded, l.UpdatedAt, l.UserId),
            _ => (ChangeKind.ConversationUpdated, conversation.UpdatedAt, ""),
        };
        return new ConversationChanged(conversation.Id, kind, record.Rev, at, actor, record.Conversation ?? conversation, record.Message, record.Link);
    }
}
