using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// The store port: everything ChatApi keeps. Contract (every implementation passes the same contract tests):
/// <list type="bullet">
/// <item>Writes are atomic: a conversation and its links are created together or not at all; an append assigns
/// the next seq of its conversation and moves the conversation's <c>LastSeq</c>/<c>LastActivityAt</c> in one step.</item>
/// <item>Seq is gap-free and increasing per conversation even with several processes writing at once.</item>
/// <item>Appends are idempotent on message id; links are unique per (conversation, user).</item>
/// <item>Usernames are unique ignoring case (<see cref="ErrorCodes.UsernameTaken"/> otherwise).</item>
/// <item>Lists apply the filter before the limit, and page by opaque keys that the same list gave out
/// (a malformed key is <see cref="ErrorCodes.BadUserInput"/>).</item>
/// <item>Rev: each conversation has a gap-free change counter (<see cref="Conversation.LastRev"/>). Creation is rev 1
/// (the conversation and its initial links carry it); every later change takes the next rev in the same transaction
/// that makes it and stamps the changed record's <c>Rev</c>: message created/edited/deleted, reaction added/removed
/// (stamps the message), member added/removed/role changed (stamps the link), renamed (stamps the conversation).
/// A write that changes nothing (same content, a reaction already there, deleting a deleted message, removing a
/// removed member, the same role or name) takes no rev and returns the current state with <c>Changed = false</c>.</item>
/// <item>Membership: a removed link stays as a tombstone (<see cref="ConvoLink.RemovedAt"/>). Every read that answers
/// "who is a member" or "where is this user a member" leaves tombstones out; only
/// <see cref="GetLinkIncludingRemovedAsync"/>, <see cref="ListLinksChangedAfterAsync"/> and <see cref="ListChangesAsync"/>
/// return them.</item>
/// <item>Deleted messages are tombstones (content empty, reactions and mentions purged; id, seq, author, createdAt
/// kept): they stay in seq lists, count as neither unread nor mentions, and take no reactions or edits.</item>
/// </list>
/// The store knows nothing of callers or permissions: the feature services check those before calling it.
/// </summary>
public interface IChatStore
{
    // Users

    /// <summary>Returns the user provisioned for <paramref name="subject"/>, creating it on first sight. When the
    /// wanted username is taken (or empty), a unique one derived from it is chosen.</summary>
    Task<(User User, bool Created)> ProvisionUserAsync(string subject, string wantedUsername, CancellationToken cancellationToken);

    Task<User?> GetUserAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> GetUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Users whose username equals one of <paramref name="usernames"/> ignoring case.</summary>
    Task<IReadOnlyList<User>> FindUsersByUsernameAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken);

    /// <summary>Sets a username; throws <see cref="ChatException"/> with <see cref="ErrorCodes.UsernameTaken"/> when another user holds it (ignoring case).</summary>
    Task<User> RenameUserAsync(string id, string username, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Users by creation order; <paramref name="usernamePrefix"/> narrows by username prefix ignoring case.</summary>
    Task<Page<User>> ListUsersAsync(PageRequest page, string? usernamePrefix, CancellationToken cancellationToken);

    // Conversations and membership

    /// <summary>
    /// Creates a conversation with its links in one transaction, as rev 1: the stored conversation has
    /// <c>LastRev = Rev = 1</c> and each link <c>Rev = 1</c> with the role it was given (the caller makes the creator
    /// <see cref="ConvoRole.Owner"/>). A duplicate conversation or link id is CONFLICT, an unknown user NOT_FOUND;
    /// either way nothing is written. <c>conversation.Direct</c> must be false (direct ones go through
    /// <see cref="FindOrCreateDirectConversationAsync"/>).
    /// </summary>
    Task<ConversationCreation> CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken);

    /// <summary>
    /// The direct conversation between the users of <paramref name="links"/> (one or two distinct users), created
    /// as <see cref="CreateConversationAsync"/> does when there is none (then <c>Created = true</c>), else the stored
    /// one with its current links (<c>Created = false</c>, nothing written, the given ids unused). The pair is unique
    /// in the store, so two concurrent calls for the same pair, in either order of users, return one conversation.
    /// </summary>
    Task<ConversationCreation> FindOrCreateDirectConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken);

    /// <summary>
    /// Renames a conversation (NOT_FOUND if missing). A new name takes the next rev and stamps the conversation's
    /// <c>Rev</c>; the same name is a no-op.
    /// </summary>
    Task<Change<Conversation>> RenameConversationAsync(string conversationId, string name, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Conversation>> GetConversationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a member with the next rev. A user who is already a member is a no-op (their current link, Changed =
    /// false); a removed member is revived on the same link (same id and CreatedAt; role, UpdatedAt from
    /// <paramref name="link"/>, RemovedAt cleared, new rev). NOT_FOUND when the conversation or user is missing.
    /// </summary>
    Task<Change<ConvoLink>> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a member (leave or kick): the link becomes a tombstone (RemovedAt = <paramref name="now"/>) with the
    /// next rev. Removing a removed member is a no-op; a user never linked is NOT_FOUND. Removing the last current
    /// <see cref="ConvoRole.Owner"/> while other members remain is CONFLICT and changes nothing (hand over first).
    /// </summary>
    Task<Change<ConvoLink>> RemoveLinkAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a current member's role with the next rev; the same role is a no-op; a non-member (never linked or
    /// removed) is NOT_FOUND. Demoting the last current Owner is CONFLICT and changes nothing.
    /// </summary>
    Task<Change<ConvoLink>> UpdateLinkRoleAsync(string conversationId, string userId, ConvoRole role, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user's link if they are a member NOW; null when never linked or removed (fails closed).</summary>
    Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>The user's link whether current or a tombstone (RemovedAt set); null only when never linked.</summary>
    Task<ConvoLink?> GetLinkIncludingRemovedAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>The user's current links (conversations they are a member of), by link creation.</summary>
    Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The conversation's current links (its members), by link creation.</summary>
    Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The conversation's links changed after <paramref name="afterRev"/>, tombstones included, in (Rev, Id) order
    /// (page.Direction honoured); the filter applies as in the other link lists.
    /// </summary>
    Task<Page<ConvoLink>> ListLinksChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Every current member's link (no tombstones), unpaged: bounded by the members-per-conversation limit. For the
    /// delivery side's in-memory membership state (who may receive, with which role).
    /// </summary>
    Task<IReadOnlyList<ConvoLink>> ListMembersAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Ids of the conversations a user is a member of now (for subscribing to all of them at once).</summary>
    Task<IReadOnlyList<string>> GetConversationIdsOfUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's conversations (current membership), most recently active first (ties by id); page.Direction is ignored.</summary>
    Task<Page<Conversation>> ListConversationsByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken);

    // Change stream

    /// <summary>
    /// The replay of a conversation after <paramref name="afterRev"/>: at most <paramref name="limit"/> records
    /// (more only when one rev holds more records, which only creation does), from one consistent snapshot; see
    /// <see cref="ChangeBatch"/> for exactly what it holds. A missing conversation gives an empty batch with a null
    /// Conversation.
    /// </summary>
    Task<ChangeBatch> ListChangesAsync(string conversationId, long afterRev, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The lowest afterRev from which <see cref="ListChangesAsync"/> replays exactly. Nothing is purged today
    /// (tombstones are kept), so it is 0; a retention purge would raise it, and a client behind it must resync.
    /// </summary>
    Task<long> GetReplayFloorAsync(string conversationId, CancellationToken cancellationToken);

    // Messages

    /// <summary>
    /// Appends with the next seq and the next rev, or returns the stored message with the same id (Created = false,
    /// nothing written). NOT_FOUND for a missing conversation or author; BAD_USER_INPUT when ReplyToId names no
    /// message of the same conversation.
    /// </summary>
    Task<AppendResult> AppendMessageAsync(NewMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a message's content and mentions with the next rev; sets EditedAt and UpdatedAt. NOT_FOUND when
    /// missing; CONFLICT when deleted or when ExpectedRev is set and differs from the message's Rev. The same content
    /// and mentions is a no-op. The store does not check who edits: the caller does.
    /// </summary>
    Task<Change<Message>> EditMessageAsync(MessageEdit edit, CancellationToken cancellationToken);

    /// <summary>
    /// Turns a message into a tombstone with the next rev: content empty, reactions and mentions purged,
    /// DeletedAt/DeletedBy set; id, seq, author, createdAt, replyToId kept. NOT_FOUND when missing; deleting a deleted
    /// message is a no-op (its first deletion stays).
    /// </summary>
    Task<Change<Message>> DeleteMessageAsync(string messageId, string deletedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="userId"/>'s <paramref name="emoji"/> reaction (set semantics on (message, emoji, user))
    /// with the next rev, stamping the message. Already there: no-op. NOT_FOUND when missing, CONFLICT when deleted;
    /// a new emoji beyond <paramref name="maxKinds"/> distinct ones on the message is BAD_USER_INPUT. The emoji is
    /// stored as given (the caller validates it).
    /// </summary>
    Task<Change<Message>> AddReactionAsync(string messageId, string userId, string emoji, int maxKinds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes that reaction with the next rev; not there (or the message deleted): no-op. NOT_FOUND when missing.</summary>
    Task<Change<Message>> RemoveReactionAsync(string messageId, string userId, string emoji, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Message?> GetMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>A conversation's messages in seq order, tombstones included; <paramref name="afterSeq"/> keeps only seq greater than it.</summary>
    Task<Page<Message>> ListMessagesAsync(string conversationId, long? afterSeq, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// A conversation's messages whose Rev is greater than <paramref name="afterRev"/> (created or changed since),
    /// tombstones included, in Rev order (page.Direction honoured; keys are revs); the filter applies as in
    /// <see cref="ListMessagesAsync"/>.
    /// </summary>
    Task<Page<Message>> ListMessagesChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken);

    /// <summary>An author's messages in creation order across conversations.</summary>
    Task<Page<Message>> ListMessagesByAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken);

    // Read state

    /// <summary>Moves the user's read mark forward to <paramref name="seq"/> (never back); returns the stored mark.</summary>
    Task<long> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken);

    Task<long> GetReadSeqAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Messages after the user's read mark written by someone else, deleted ones not counted.</summary>
    Task<int> CountUnreadAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Of those unread messages, the ones that mention the user (by id, or @all/@here); deleted ones not counted.
    /// </summary>
    Task<int> CountUnreadMentionsAsync(string conversationId, string userId, CancellationToken cancellationToken);
}
