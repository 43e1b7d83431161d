using Chatt.Gateway.Security;
using Chatt.ServiceDefaults;
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
    internal const string IdTokenHintItem = "chatt.id-token-hint";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").RequireRateLimiting(RateLimitPolicy);

        auth.MapGet("/login", SignInAsync);

        // The CSRF header is enforced for every cookie-authenticated unsafe request (Security/); a signed-out
        // caller has nothing to sign out of and gets the same empty answer.
        auth.MapPost("/logout", SignOutAsync);

        // Where the page goes after the POST: the provider's end-session endpoint, its id_token_hint added here.
        auth.MapGet("/endsession", EndProviderSessionAsync);

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
        if (ReturnUrls.ToLocal(returnUrl) is not { } target)
        {
            // Refused before the provider is involved: nothing of a sign-in is started.
            return Results.Json(new { error = GatewayErrors.InvalidReturnUrl, message = "returnUrl must be a path on this site without control characters." },
                statusCode: StatusCodes.Status400BadRequest);
        }

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
        EndSessionHandoff handoff,
        IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
        IOptions<OidcSettings> settings,
        ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (http.User.SessionIdOf() is not { } sessionId)
        {
            return Results.Json(new { endSessionUrl = (string?)null });
        }

        sessions.Revoke(sessionId, "sign-out");
        var options = oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await ProviderConfigurationAsync(options, loggers, http.RequestAborted);
        string? endSessionUrl = null;
        if (configuration is not null)
        {
            var refreshToken = await http.GetTokenAsync("refresh_token");
            await RevokeRefreshTokenAsync(options, configuration, settings.Value, refreshToken, loggers, http.RequestAborted);

            // Read before the cookie sign-out below ends the session that holds it; it never reaches the page.
            if (!string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                handoff.Remember(http, await http.GetTokenAsync("id_token"));
                endSessionUrl = EndSessionHandoff.Path;
            }
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Json(new { endSessionUrl });
    }

    /// <summary>
    /// The browser's navigation after <c>POST /auth/logout</c>: a redirect to the provider's end-session endpoint with
    /// the signed-out session's id_token as <c>id_token_hint</c>, then back to <c>/</c>. Without a pending sign-out
    /// (a stale link, another site's link) it just goes home.
    /// </summary>
    private static async Task<IResult> EndProviderSessionAsync(HttpContext http, EndSessionHandoff handoff, ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (handoff.Take(http) is not { } idToken)
        {
            return Results.LocalRedirect("/");
        }

        http.Items[IdTokenHintItem] = idToken;
        try
        {
            await http.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            return Results.Empty;
        }
        catch (InvalidOperationException exception)
        {
            // The provider went away since the POST: the gateway session is over anyway.
            var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
            AuthLog.RevocationFailed(logger, exception);
            return Results.LocalRedirect("/");
        }
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
}
