using System.Security.Claims;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.GraphQL;

/// <summary>
/// Per-operation state handed to resolvers: the validated principal, the caller's user id once resolved, and
/// the operation's batch loaders. A transport creates one per operation (one per HTTP request, one per
/// WebSocket subscribe) so nothing cached here leaks between operations.
/// </summary>
public sealed class ChatUserContext(ClaimsPrincipal principal) : Dictionary<string, object?>
{
    private BatchLoader<User>? _users;
    private BatchLoader<Conversation>? _conversations;

    public ClaimsPrincipal Principal { get; } = principal;

    /// <summary>Set by the first resolver that needs it; see <see cref="ResolveFieldContextExtensions.GetCallerIdAsync"/>.</summary>
    internal string? CallerId { get; set; }

    internal BatchLoader<User> UserLoader(IChatStore store) =>
        LazyInitializer.EnsureInitialized(ref _users, () => new BatchLoader<User>(store.GetUsersAsync, u => u.Id));

    internal BatchLoader<Conversation> ConversationLoader(IChatStore store) =>
        LazyInitializer.EnsureInitialized(ref _conversations, () => new BatchLoader<Conversation>(store.GetConversationsAsync, c => c.Id));
}
