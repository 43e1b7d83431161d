using Chatt.Identity.Accounts;
using Chatt.Identity.Clients;
using Chatt.Identity.Keys;
using Chatt.Identity.Oidc;
using Chatt.Identity.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Chatt.Identity;

public static class IdentityExtensions
{
    private const string ConnectionStringName = "identitydb";

    /// <summary>
    /// The built-in OpenID Connect provider: OpenIddict's server with its EF Core stores on SQLite, local
    /// accounts, the sign-in session cookie, and the configured clients and keys.
    /// </summary>
    public static IHostApplicationBuilder AddChattIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<IdentityProviderOptions>()
            .BindConfiguration(IdentityProviderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityProviderOptions>, IdentityProviderOptionsValidator>();

        // Storage: OpenIddict's own EF Core stores on SQLite (a file, nothing to run beside it) rather than
        // the degraded mode, because refresh-token rotation with replay detection, end-session and revocation
        // all need stored tokens and authorizations. One database holds them and the local accounts.
        services.AddDbContext<IdentityStoreContext>(db =>
        {
            db.UseSqlite(ConnectionString(builder));
            db.UseOpenIddict();
        });
        builder.Services.AddHealthChecks().AddCheck<IdentityStoreHealthCheck>("identitydb", tags: [ServiceDefaultsExtensions.ReadyTag]);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddScoped<AccountStore>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<ClientCatalog>();
        services.AddHostedService<StartupSeeder>();

        services.AddAntiforgery();
        services.AddAuthentication(SessionCookie.Scheme).AddCookie(SessionCookie.Scheme);
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(SessionCookie.Scheme)
            .Configure<IOptions<IdentityProviderOptions>, IHostEnvironment>((cookie, options, environment) =>
            {
                cookie.Cookie.Name = SessionCookie.Name;
                cookie.Cookie.HttpOnly = true;
                // Lax, not Strict: the authorization request arrives as a top-level navigation from the client's site.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                cookie.LoginPath = AccountEndpoints.SignInPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = options.Value.SessionLifetime;
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStoreContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(ConnectEndpoints.AuthorizationPath.TrimStart('/'))
                    .SetTokenEndpointUris(ConnectEndpoints.TokenPath.TrimStart('/'))
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfoPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(ConnectEndpoints.EndSessionPath.TrimStart('/'))
                    // RFC 7009: a client that signs someone out revokes their refresh token, so a copied session
                    // cannot go on refreshing. OpenIddict answers it itself from the token store.
                    .SetRevocationEndpointUris(ConnectEndpoints.RevocationPath.TrimStart('/'));

                server.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .RequireProofKeyForCodeExchange();

                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, ChattScopes.Api);
                server.RegisterClaims(Claims.Subject, Claims.PreferredUsername, Claims.Name);

                // Resource servers such as ChatApi validate access tokens as plain signed JWTs against the
                // discovery document's JWKS; an encrypted token would need this provider's private key.
                server.DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
            });

        // Settings that depend on configuration or the environment are applied through options, so hosts that
        // replace configuration after Program runs (tests) still get them.
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeysSetup>();
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<IdentityProviderOptions>>((server, options) =>
            {
                server.Issuer = options.Value.Issuer;
                server.AccessTokenLifetime = options.Value.AccessTokenLifetime;
                server.IdentityTokenLifetime = options.Value.AccessTokenLifetime;
                server.RefreshTokenLifetime = options.Value.RefreshTokenLifetime;
                server.RefreshTokenReuseLeeway = options.Value.RefreshTokenReuseLeeway;
                // S256 only: "plain" PKCE sends the verifier's value in the authorization request, which
                // protects nothing once that request is seen (OAuth 2.1 drops it).
                server.CodeChallengeMethods.Clear();
                server.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
            });
        services.AddOptions<OpenIddictServerAspNetCoreOptions>()
            .Configure<IHostEnvironment>((aspNetCore, environment) =>
                // Plain http only in Development (local runs and tests on loopback). Elsewhere the provider
                // must see https: terminate TLS in front of it and forward the scheme (X-Forwarded-Proto).
                aspNetCore.DisableTransportSecurityRequirement = environment.IsDevelopment());

        return builder;
    }

    public static WebApplication UseChattIdentity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.Use(async (context, next) =>
        {
            // The provider's pages run no scripts and are never framed (no clickjacking of the sign-in form).
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        return app;
    }

    public static WebApplication MapChattIdentity(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapConnectEndpoints();
        return app;
    }

    private static string ConnectionString(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var directory = Path.Combine(builder.Environment.ContentRootPath, "data");
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "identity.db")}";
    }
}
