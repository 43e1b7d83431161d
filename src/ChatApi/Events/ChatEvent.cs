using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Events;

/// <summary>Something that happened after a commit. Events are facts: they carry the committed records.</summary>
public abstract record ChatEvent;

/// <summary>
/// The pre-rev form of a new message. Nothing publishes it any more (the live side reads <see cref="ConversationChanged"/>);
/// the codec still decodes it so an instance of the previous version met during a rolling upgrade is understood.
/// </summary>
public sealed record MessageCreated(Message Message) : ChatEvent;

/// <summary>
/// Every committed change of a conversation, published on its <see cref="Topic.Conversation"/> after commit: one event
/// per rev, carrying the state AFTER the change (never a delta). <see cref="Rev"/> is the rev the change took
/// (= the changed record's Rev = <c>Conversation.LastRev</c> at that commit), so a reader that saw rev R next expects
/// R + 1 and repairs a gap from the store (<c>IChatStore.ListChangesAsync</c>).
/// Which record is set follows <see cref="Kind"/>: Message* and Reaction* carry <see cref="Message"/> (a reaction
/// also the <see cref="Emoji"/> that changed, the message holding all totals); Member* carry <see cref="Link"/>
/// (a removal the tombstone); ConversationUpdated only <see cref="Conversation"/>, which every kind carries.
/// <see cref="ActorId"/> is the user who made the change (the remover, not the removed).
/// </summary>
public sealed record ConversationChanged(
    string ConversationId,
    ChangeKind Kind,
    long Rev,
    DateTimeOffset At,
    string ActorId,
    Conversation Conversation,
    Message? Message = null,
    ConvoLink? Link = null,
    string? Emoji = null) : ChatEvent;

/// <summary>Published on <see cref="Topic.User"/> of a user whose read mark moved, with the counts after the move,
/// so every instance keeps its per-subscriber unread counters right without reading the store.</summary>
public sealed record ReadMarkMoved(string UserId, string ConversationId, long Seq, int UnreadCount, int UnreadMentionCount) : ChatEvent;

/// <summary>Published on <see cref="Topic.User"/> of the user who was removed from (or left) a conversation; the link is the tombstone.</summary>
public sealed record UserUnlinked(ConvoLink Link, Conversation Conversation) : ChatEvent;

/// <summary>Published on <see cref="Topic.User"/> of the user who was linked (created or added to a conversation).</summary>
public sealed record UserLinked(ConvoLink Link, Conversation Conversation) : ChatEvent;

/// <summary>
/// Published on <see cref="Topic.Typing"/> of the conversation when a member starts or stops typing
/// (<c>setTyping</c>). Not stored and no rev: a lost one only shortens or lengthens an indicator until
/// <see cref="ExpiresAt"/>. <see cref="User"/> travels along so no receiver reads the store per event;
/// <see cref="At"/> is when it was set, and for <c>Typing: false</c> <see cref="ExpiresAt"/> equals it.
/// </summary>
public sealed record TypingChanged(string ConversationId, User User, bool Typing, DateTimeOffset At, DateTimeOffset ExpiresAt) : ChatEvent;

/// <summary>Published on <see cref="Topic.Users"/> when a user record is created.</summary>
public sealed record UserCreated(User User) : ChatEvent;

/// <summary>
/// Not published by anyone: a bus delivers it to every local listener when its connection to the shared bus
/// comes back. Events published meanwhile may have been lost, so listeners that can catch up from the store
/// (the message feeds, by seq) do so now instead of waiting for the next event to reveal the gap.
/// </summary>
public sealed record BusResumed : ChatEvent
{
    public static BusResumed Instance { get; } = new();
}
