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

    /// <summary>Creates a conversation with its links in one transaction.</summary>
    Task CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken);

    Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Conversation>> GetConversationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Adds a link, or returns the existing one for the same (conversation, user) with Created = false.</summary>
    Task<(ConvoLink Link, bool Created)> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken);

    Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken);

    Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken);

    Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Ids of the conversations a user belongs to (for subscribing to all of them at once).</summary>
    Task<IReadOnlyList<string>> GetConversationIdsOfUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user's conversations, most recently active first (ties by id); page.Direction is ignored.</summary>
    Task<Page<Conversation>> ListConversationsByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken);

    // Messages

    /// <summary>Appends with the next seq, or returns the stored message with the same id (Created = false).</summary>
    Task<AppendResult> AppendMessageAsync(NewMessage message, CancellationToken cancellationToken);

    Task<Message?> GetMessageAsync(string id, CancellationToken cancellationToken);

    /// <summary>A conversation's messages in seq order; <paramref name="afterSeq"/> keeps only seq greater than it.</summary>
    Task<Page<Message>> ListMessagesAsync(string conversationId, long? afterSeq, PageRequest page, CancellationToken cancellationToken);

    /// <summary>An author's messages in creation order across conversations.</summary>
    Task<Page<Message>> ListMessagesByAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken);

    // Read state

    /// <summary>Moves the user's read mark forward to <paramref name="seq"/> (never back); returns the stored mark.</summary>
    Task<long> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken);

    Task<long> GetReadSeqAsync(string conversationId, string userId, CancellationToken cancellationToken);

    /// <summary>Messages after the user's read mark written by someone else.</summary>
    Task<int> CountUnreadAsync(string conversationId, string userId, CancellationToken cancellationToken);
}
