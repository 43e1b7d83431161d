using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Chatt.Gateway.Auth;

/// <summary><c>/auth/login</c>, <c>/auth/logout</c> and <c>/auth/me</c>: the browser's whole view of the session.</summary>
public static class AuthEndpoints
{
    public const string RateLimitPolicy = "auth";
    internal const string EndSessionUrlItem = "chatt.end-session-url";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").RequireRateLimiting(RateLimitPolicy);

        auth.MapGet("/login", SignInAsync);

        // The CSRF header is enforced for every cookie-authenticated unsafe request (Security/); a signed-out
        // caller has nothing to sign out of and gets the same empty answer.
        auth.MapPost("/logout", SignOutAsync);

        auth.MapGet("/me", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return http.User.HasSession()
                ? Results.Ok(new { sub = http.User.SubjectOf(), name = http.User.DisplayNameOf() })
                : Results.Json(new { error = "unauthenticated", message = "No session." }, statusCode: StatusCodes.Status401Unauthorized);
        });

        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ILoggerFactory loggers, string? returnUrl)
    {
        var target = LocalUrlOrRoot(returnUrl);
        if (http.User.HasSession())
        {
            return Results.LocalRedirect(target);
        }

        try
        {
            await http.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = target });
            return Results.Empty;
        }
        catch (InvalidOperationException exception)
        {
            // Discovery failed: the provider is down or Oidc:Authority is wrong. Say so instead of a bare 500.
            var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
            AuthLog.ProviderUnavailable(logger, exception);
            return Results.Json(new { error = "provider_unavailable", message = "The sign-in provider cannot be reached; try again shortly." },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> SignOutAsync(
        HttpContext http,
        SessionRegistry sessions,
        IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
        IOptions<OidcSettings> settings,
        ILoggerFactory loggers)
    {
        if (http.User.SessionIdOf() is not { } sessionId)
        {
            return Results.Json(new { endSessionUrl = (string?)null });
        }

        sessions.Revoke(sessionId, "sign-out");
        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await ProviderConfigurationAsync(options, loggers, http.RequestAborted);
        if (configuration is not null)
        {
            var refreshToken = await http.GetTokenAsync("refresh_token");
            await RevokeRefreshTokenAsync(options, configuration, settings.Value, refreshToken, loggers, http.RequestAborted);

            // The provider's URL first: its id_token_hint is read from the session that the cookie sign-out ends.
            if (!string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            }
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { endSessionUrl = http.Items[EndSessionUrlItem] as string });
    }

    /// <summary>Discovery, or null when the provider cannot be reached: signing out here must work regardless.</summary>
    private static async Task<OpenIdConnectConfiguration?> ProviderConfigurationAsync(OpenIdConnectOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
            AuthLog.RevocationFailed(logger, exception);
            return null;
        }
    }

    /// <summary>
    /// RFC 7009 revocation where the provider advertises it, so a copy of the cookie cannot keep refreshing on
    /// another replica. Best effort: sign-out proceeds whatever the answer.
    /// </summary>
    private static async Task RevokeRefreshTokenAsync(
        OpenIdConnectOptions options,
        OpenIdConnectConfiguration configuration,
        OidcSettings settings,
        string? refreshToken,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken)
            || await RevocationEndpointAsync(options, configuration, cancellationToken) is not { } revocationEndpoint)
        {
            return;
        }

        var backchannel = options.Backchannel;

        var form = new Dictionary<string, string>
        {
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
            ["client_id"] = settings.ClientId,
        };
        if (!string.IsNullOrEmpty(settings.ClientSecret))
        {
            form["client_secret"] = settings.ClientSecret;
        }

        try
        {
            using var response = await backchannel.PostAsync(revocationEndpoint, new FormUrlEncodedContent(form), cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
            AuthLog.RevocationFailed(logger, exception);
        }
    }

    /// <summary>
    /// The provider's RFC 7009 endpoint, if it has one. IdentityModel's parsed configuration does not keep
    /// <c>revocation_endpoint</c> (measured: it is not in <c>AdditionalData</c>), so the discovery document is read
    /// again here — once per sign-out, which is rare enough not to cache.
    /// </summary>
    private static async Task<string?> RevocationEndpointAsync(OpenIdConnectOptions options, OpenIdConnectConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration.AdditionalData.TryGetValue("revocation_endpoint", out var known) && known is string { Length: > 0 } parsed)
        {
            return parsed;
        }

        var metadata = options.MetadataAddress
            ?? options.Authority?.TrimEnd('/') + "/.well-known/openid-configuration";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(await options.Backchannel.GetStringAsync(metadata, cancellationToken));
            return document.RootElement.TryGetProperty("revocation_endpoint", out var endpoint) && endpoint.GetString() is { Length: > 0 } found
                ? found
                : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Only a path on this site: an open redirect would let any link bounce a signed-in user elsewhere.</summary>
    internal static string LocalUrlOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 }
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
