using Microsoft.AspNetCore.Authentication.Cookies;

namespace Chatt.Identity.Accounts;

/// <summary>The provider's own sign-in session: who is signed in at the provider, not at any client.</summary>
public static class SessionCookie
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Name = ".chatt.identity";
}
