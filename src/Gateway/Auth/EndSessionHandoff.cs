using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// Carries the signed-out session's id_token from <c>POST /auth/logout</c> to <c>GET /auth/endsession</c>, where the
/// gateway redirects the browser to the provider's end-session endpoint with <c>id_token_hint</c> added server-side.
/// </summary>
/// <remarks>
/// Sign-out is a script's POST (it must carry <c>X-CSRF</c>), and a script cannot follow a cross-site redirect; so far
/// the id_token went back to JavaScript inside the end-session URL. Now the POST answers a same-origin URL, and the
/// token waits in a cookie JavaScript cannot read (HttpOnly), that only this gateway can read (data protection, the
/// replicas' shared key ring, so any replica can serve the GET), sent only to <c>/auth/endsession</c>, only from this
/// site (SameSite=Strict: another site's link cannot end the user's provider session), for five minutes, once.
/// </remarks>
public sealed class EndSessionHandoff(IDataProtectionProvider protection, TimeProvider time, IOptions<SessionSettings> settings, IHostEnvironment environment)
{
    public const string Path = "/auth/endsession";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Browsers drop cookies over 4 KB; beyond this the hint is left out and the provider asks the user to confirm.
    private const int MaxCookieValue = 3800;

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Chatt.Gateway.EndSessionHandoff").ToTimeLimitedDataProtector();

    private string CookieName => settings.Value.CookieName + ".endsession";

    /// <summary>Remembers <paramref name="idToken"/> (may be empty) for the browser's next <see cref="Path"/>.</summary>
    public void Remember(HttpContext http, string? idToken)
    {
        var value = _protector.Protect(idToken ?? "", time.GetUtcNow() + Lifetime);
        if (value.Length > MaxCookieValue)
        {
            value = _protector.Protect("", time.GetUtcNow() + Lifetime);
        }

        http.Response.Cookies.Append(CookieName, value, Options(http));
    }

    /// <summary>The remembered id_token ("" when there was none), consumed; null when this browser signed out of nothing here.</summary>
    public string? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value))
        {
            return null;
        }

        http.Response.Cookies.Delete(CookieName, Options(http));
        try
        {
            return _protector.Unprotect(value, out var expires) is var token && expires > time.GetUtcNow() ? token : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private CookieOptions Options(HttpContext http) => new()
    {
        Path = Path,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = !environment.IsDevelopment() || http.Request.IsHttps,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
