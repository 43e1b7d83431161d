using System.Security.Claims;

namespace Chatt.Gateway.Auth;

/// <summary>Claims the gateway reads from, or adds to, the session principal.</summary>
public static class SessionClaims
{
    /// <summary>
    /// The gateway's own id for one sign-in, added when the cookie is issued. Revocation (sign-out, failed
    /// refresh) is keyed by it; the provider's <c>sid</c> is not used because not every provider sends one.
    /// </summary>
    public const string SessionId = "chatt_session";

    public const string Subject = "sub";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";

    public static string? SessionIdOf(this ClaimsPrincipal principal) => principal.FindFirst(SessionId)?.Value;

    public static string? SubjectOf(this ClaimsPrincipal principal) => principal.FindFirst(Subject)?.Value;

    public static string? DisplayNameOf(this ClaimsPrincipal principal) =>
        principal.FindFirst(Name)?.Value ?? principal.FindFirst(PreferredUsername)?.Value;

    /// <summary>Authenticated by the session cookie (never true for a pass-through bearer request, which the gateway does not authenticate).</summary>
    public static bool HasSession(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true && principal.SessionIdOf() is not null;
}
