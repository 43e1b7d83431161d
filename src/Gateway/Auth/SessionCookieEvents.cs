using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Auth;

/// <summary>
/// Runs on every request that carries the session cookie: refuses revoked sessions, refreshes the access token
/// shortly before it expires, and ends the session when the provider refuses the refresh. Challenges answer
/// 401/403 instead of redirecting: a browser is sent to the provider only by <c>/auth/login</c>.
/// </summary>
public sealed partial class SessionCookieEvents(
    TokenRefresher refresher,
    SessionRegistry sessions,
    TimeProvider time,
    IOptions<OidcSettings> oidc,
    ILogger<SessionCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal?.SessionIdOf();
        if (sessionId is null || sessions.IsRevoked(sessionId))
        {
            await RejectAsync(context);
            return;
        }

        var expiresAt = TokenRefresher.ExpiresAt(context.Properties.GetTokenValue("expires_at"));
        if (expiresAt is { } at && at - time.GetUtcNow() > oidc.Value.RefreshBeforeExpiry)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue("refresh_token");
        if (string.IsNullOrEmpty(refreshToken))
        {
            // No offline_access: the session lasts as long as its access token.
            if (expiresAt is { } end && end <= time.GetUtcNow())
            {
                sessions.Revoke(sessionId, "access token expired, no refresh token");
                await RejectAsync(context);
            }

            return;
        }

        var outcome = await refresher.RefreshAsync(refreshToken);
        switch (outcome.Status)
        {
            case RefreshStatus.Refreshed:
                var tokens = outcome.Tokens!;
                context.Properties.UpdateTokenValue("access_token", tokens.AccessToken);
                context.Properties.UpdateTokenValue("expires_at", tokens.ExpiresAt.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                if (tokens.RefreshToken is not null)
                {
                    context.Properties.UpdateTokenValue("refresh_token", tokens.RefreshToken);
                }

                if (tokens.IdToken is not null)
                {
                    context.Properties.UpdateTokenValue("id_token", tokens.IdToken);
                }

                context.ShouldRenew = true;
                Log.Refreshed(logger);
                break;
            case RefreshStatus.Refused:
                sessions.Revoke(sessionId, "refresh refused");
                await RejectAsync(context);
                break;
            default:
                // The provider is unreachable: keep the session; the access token may still have a moment to live,
                // and ChatApi refuses it once expired. The next request tries again.
                break;
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, EventName = "AccessTokenRefreshed", Level = LogLevel.Debug, Message = "Access token refreshed")]
        public static partial void Refreshed(ILogger logger);
    }
}
