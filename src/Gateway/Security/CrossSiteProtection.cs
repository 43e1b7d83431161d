using Chatt.Gateway.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Security;

/// <summary>
/// What keeps another site's pages from acting with a user's cookie.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A cookie-authenticated request that can change state (anything but GET/HEAD/OPTIONS/TRACE) must carry
/// <c>X-CSRF: 1</c>. A cross-site page can only add a custom header through a CORS preflight, which the gateway
/// never grants, so the header proves the request came from the app's own script.</item>
/// <item>WebSocket upgrades are not subject to CORS and carry cookies, so without a bearer token they must come
/// from an allowed <c>Origin</c> (browsers always send it on upgrades; cross-site WebSocket hijacking otherwise).</item>
/// <item>A request with its own <c>Authorization</c> header is a non-browser client (app, bot, CLI): no cookie is
/// used for it, so neither check applies.</item>
/// </list>
/// </remarks>
public sealed class CrossSiteProtection(RequestDelegate next, IOptionsMonitor<GatewaySettings> settings)
{
    public const string CsrfHeader = "X-CSRF";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return next(context);
        }

        if (IsWebSocketUpgrade(context) && !IsAllowedOrigin(request))
        {
            return GatewayErrors.WriteAsync(context, StatusCodes.Status403Forbidden, GatewayErrors.OriginNotAllowed,
                "WebSocket connections are accepted only from this site's own pages.");
        }

        if (context.User.HasSession() && !IsSafe(request.Method) && request.Headers[CsrfHeader] != "1")
        {
            return GatewayErrors.WriteAsync(context, StatusCodes.Status403Forbidden, GatewayErrors.CsrfHeaderMissing,
                "Requests that change state must carry the header 'X-CSRF: 1'.");
        }

        return next(context);
    }

    internal static bool IsWebSocketUpgrade(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method)
            && request.Headers.Upgrade.Any(u => string.Equals(u, "websocket", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // HTTP/2 and HTTP/3 carry WebSockets in an extended CONNECT.
        var connect = context.Features.Get<IHttpExtendedConnectFeature>();
        return connect is { IsExtendedConnect: true } && string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase);
    }

    private bool IsAllowedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || settings.CurrentValue.AllowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
