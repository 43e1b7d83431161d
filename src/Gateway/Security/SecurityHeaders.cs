namespace Chatt.Gateway.Security;

/// <summary>
/// Headers on every response, the proxied ones included (set when the response starts, after YARP has copied
/// ChatApi's headers). The CSP allows only this origin and its own WebSocket: the web client is a same-origin
/// bundle without inline script, and a page that cannot be framed cannot be clickjacked.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            var webSocketScheme = http.Request.IsHttps ? "wss" : "ws";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; connect-src 'self' {webSocketScheme}://{http.Request.Host.Value}; " +
                "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context);

        return next(context);
    }
}
