using System.Security.Claims;

namespace Chatt.ChatApi.GraphQL;

/// <summary>
/// Per-operation state handed to resolvers: the validated principal and, once resolved, the caller's user id.
/// A transport creates one per operation (one per HTTP request, one per WebSocket subscribe) so nothing
/// cached here leaks between operations.
/// </summary>
public sealed class ChatUserContext(ClaimsPrincipal principal) : Dictionary<string, object?>
{
    public ClaimsPrincipal Principal { get; } = principal;

    /// <summary>Set by the first resolver that needs it; see <see cref="ResolveFieldContextExtensions.GetCallerIdAsync"/>.</summary>
    internal string? CallerId { get; set; }
}
