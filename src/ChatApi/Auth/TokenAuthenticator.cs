using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Chatt.ChatApi.Auth;

/// <summary>
/// Validates a bearer token that did not arrive in the request's own Authorization header — the
/// <c>connection_init</c> payload of a WebSocket, which browsers use because they cannot set headers on an
/// upgrade. It runs the very same JwtBearer handler (same authority, keys, audiences) on a synthetic request,
/// in a fresh scope, because the handler caches its result per request and the upgrade request already
/// authenticated (anonymously).
/// </summary>
public sealed class TokenAuthenticator(IServiceScopeFactory scopes)
{
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        context.Request.Headers.Authorization = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization
            : "Bearer " + authorization;
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return result.Succeeded ? result.Principal : null;
    }
}
