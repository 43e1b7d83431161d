using System.Security.Claims;

namespace Chatt.ChatApi.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The provider's stable subject id, or null when the principal is not authenticated.</summary>
    public static string? Subject(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
            ? principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;

    /// <summary>When the token stops being valid (its <c>exp</c>), if it says.</summary>
    public static DateTimeOffset? ExpiresAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue("exp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>
    /// The username a new account starts with: preferred_username, then name, then the part of the email before
    /// the "@" (a provider that sends only sub and email; the whole address would show everyone's email).
    /// </summary>
    public static string WantedUsername(this ClaimsPrincipal principal) =>
        principal.FindFirstValue("preferred_username")
        ?? principal.FindFirstValue("name")
        ?? LocalPart(principal.FindFirstValue("email"))
        ?? principal.FindFirstValue("unique_name")
        ?? "";

    private static string? LocalPart(string? email) =>
        email?.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? email[..at] : email;
}
