namespace Chatt.Gateway.Security;

/// <summary>The one JSON shape of the gateway's own refusals: <c>{ "error": code, "message": text }</c>.</summary>
public static class GatewayErrors
{
    public const string Unauthenticated = "unauthenticated";
    public const string CsrfHeaderMissing = "csrf_header_missing";
    public const string OriginNotAllowed = "origin_not_allowed";
    public const string RateLimited = "rate_limited";
    public const string InvalidReturnUrl = "invalid_return_url";

    public static Task WriteAsync(HttpContext context, int statusCode, string error, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new { error, message }, context.RequestAborted);
    }
}
