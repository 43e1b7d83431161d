using Chatt.Gateway.Auth;
using Chatt.Gateway.Security;
using Microsoft.AspNetCore.Authentication;

namespace Chatt.Gateway.Proxy;

/// <summary>
/// Decides, inside YARP's pipeline, how a <c>/graphql</c> request reaches ChatApi: with its own
/// <c>Authorization</c> header untouched, or with the session's access token, or not at all (401 — an API
/// answer, never a redirect to sign-in). A proxied WebSocket is tracked under its session for as long as it
/// is open, so revoking the session closes it.
/// </summary>
public sealed class GraphQLProxyAccess(RequestDelegate next, SessionRegistry sessions)
{
    internal const string AccessTokenItem = "chatt.access-token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            await next(context);
            return;
        }

        var sessionId = context.User.HasSession() ? context.User.SessionIdOf() : null;
        var accessToken = sessionId is null ? null : await context.GetTokenAsync("access_token");
        if (sessionId is null || string.IsNullOrEmpty(accessToken))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await GatewayErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, GatewayErrors.Unauthenticated,
                "Sign in at /auth/login, or send a bearer token.");
            return;
        }

        context.Items[AccessTokenItem] = accessToken;
        if (CrossSiteProtection.IsWebSocketUpgrade(context))
        {
            using var tracked = sessions.TrackWebSocket(sessionId, context);
            await next(context);
            return;
        }

        await next(context);
    }
}
