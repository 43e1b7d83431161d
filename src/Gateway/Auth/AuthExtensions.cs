using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Gateway.Auth;

public static class AuthExtensions
{
    /// <summary>
    /// The backend-for-frontend session: OpenID Connect code flow with PKCE against the <c>Oidc</c> provider,
    /// tokens saved in an encrypted, HttpOnly cookie that JavaScript never reads.
    /// </summary>
    public static IHostApplicationBuilder AddGatewaySession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OidcSettings>().BindConfiguration(OidcSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SessionSettings>().BindConfiguration(SessionSettings.SectionName)
            .PostConfigure(session =>
            {
                // Beside the key ring by default: wherever the replicas share their keys, they share revocations.
                if (string.IsNullOrEmpty(session.RevocationsPath) && builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
                {
                    session.RevocationsPath = Path.Combine(keys, "revocations");
                }
            })
            .Validate(
                session => string.IsNullOrEmpty(session.RevocationsPath) || RevokedSessions.IsWritable(session.RevocationsPath),
                "Gateway:Session:RevocationsPath (by default DataProtection:KeysPath/revocations) must be a folder the gateway can write: " +
                "when the key ring is mounted read-only, point it at a writable volume every replica shares.")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Replicas must read each other's cookies: they share a key ring (the Helm chart mounts it at /keys).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("chatt-gateway");
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        var development = builder.Environment.IsDevelopment();
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddSingleton<RevokedSessions>();
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton<SessionCookieEvents>();
        builder.Services.AddSingleton<EndSessionHandoff>();

        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = secure;
                options.SlidingExpiration = true;
                options.EventsType = typeof(SessionCookieEvents);
            })
            .AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back as a top-level GET: the SameSite=Lax correlation and nonce cookies travel
                // with it, where form_post (a cross-site POST) would need SameSite=None.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.TokenValidationParameters.NameClaimType = SessionClaims.Name;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = secure;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = secure;
                options.Events.OnRedirectToIdentityProvider = AddAuthorizationParameters;
                options.Events.OnTokenValidated = StartSession;
                options.Events.OnRedirectToIdentityProviderForSignOut = AddIdTokenHint;
                options.Events.OnRemoteFailure = ReturnHomeOnFailure;
            });

        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionSettings>>((options, session) =>
            {
                options.Cookie.Name = session.Value.CookieName;
                options.ExpireTimeSpan = session.Value.Lifetime;
            });

        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<OidcSettings>>((options, oidc) =>
            {
                var settings = oidc.Value;
                options.Authority = settings.Authority;
                options.ClientId = settings.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata ?? !development;
                options.Scope.Clear();
                foreach (var scope in settings.Scopes)
                {
                    options.Scope.Add(scope);
                }
            });

        // After the handler's own post-configuration, which sets the backchannel and the metadata address.
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider, ILoggerFactory>((options, time, loggers) =>
            {
                options.ConfigurationManager = new ProviderConfigurationManager(
                    options.MetadataAddress!, options.Backchannel, options.RequireHttpsMetadata, time, loggers.CreateLogger<ProviderConfigurationManager>());
            });

        builder.Services.AddAuthorization();
        return builder;
    }

    private static Task AddAuthorizationParameters(RedirectContext context)
    {
        foreach (var (name, value) in context.HttpContext.RequestServices.GetRequiredService<IOptions<OidcSettings>>().Value.AuthorizationParameters)
        {
            context.ProtocolMessage.SetParameter(name, value);
        }

        return Task.CompletedTask;
    }

    private static Task StartSession(TokenValidatedContext context)
    {
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        identity.AddClaim(new Claim(SessionClaims.SessionId, Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16))));
        WarnOnForeignAudience(context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// ChatApi would refuse every call of this session; saying so at sign-in, with the setting's name, saves a
    /// search through 401s. Opaque (non-JWT) access tokens are reported the same way: ChatApi needs a JWT.
    /// </summary>
    private static void WarnOnForeignAudience(TokenValidatedContext context)
    {
        var audience = context.HttpContext.RequestServices.GetRequiredService<IOptions<OidcSettings>>().Value.Audience;
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        if (string.IsNullOrEmpty(audience) || string.IsNullOrEmpty(accessToken))
        {
            return;
        }

        var handler = new JsonWebTokenHandler();
        var audiences = handler.CanReadToken(accessToken) ? handler.ReadJsonWebToken(accessToken).Audiences : [];
        if (!audiences.Contains(audience, StringComparer.Ordinal))
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthExtensions).FullName!);
            AuthLog.ForeignAudience(logger, audience, string.Join(' ', audiences));
        }
    }

    /// <summary>
    /// The end-session redirect runs after the session cookie is gone (<c>GET /auth/endsession</c>), so the handler
    /// finds no id_token of its own: the one <see cref="EndSessionHandoff"/> kept server-side is the hint.
    /// </summary>
    private static Task AddIdTokenHint(RedirectContext context)
    {
        if (context.HttpContext.Items[AuthEndpoints.IdTokenHintItem] is string { Length: > 0 } idToken)
        {
            context.ProtocolMessage.IdTokenHint = idToken;
        }

        return Task.CompletedTask;
    }

    private static Task ReturnHomeOnFailure(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthExtensions).FullName!);
        AuthLog.SignInFailed(logger, context.Failure);
        context.Response.Redirect("/?signin=failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
