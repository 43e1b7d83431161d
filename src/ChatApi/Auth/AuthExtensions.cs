using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatt.ChatApi.Auth;

public static class AuthExtensions
{
    private const string SigningKeysSection = "Authentication:Schemes:Bearer:SigningKeys";

    /// <summary>
    /// The environments that may trust symmetric keys from configuration: Development (the tests' hosts run as
    /// Development too) and Benchmark (bench/run.sh, loopback only). Anything else — Production, Staging, a typo —
    /// refuses them, so a forgotten development setting can never become a way to mint any identity.
    /// </summary>
    private static readonly string[] SymmetricKeyEnvironments = [Environments.Development, "Benchmark"];

    /// <summary>
    /// JWT bearer validation configured entirely from the standard <c>Authentication:Schemes:Bearer</c> section
    /// (the one <c>dotnet user-jwts</c> writes): <c>Authority</c> for any OIDC issuer (discovery and keys fetched
    /// from it), <c>ValidAudiences</c>, <c>ValidIssuer</c>, and <c>SigningKeys</c> for development and tests.
    /// </summary>
    public static IHostApplicationBuilder AddChatAuth(this IHostApplicationBuilder builder)
    {
        // Symmetric keys let anyone holding the config mint any identity: fail closed outside the allow-list.
        if (builder.Configuration.GetSection(SigningKeysSection).GetChildren().Any()
            && !SymmetricKeyEnvironments.Any(builder.Environment.IsEnvironment))
        {
            throw new InvalidOperationException(
                $"'{SigningKeysSection}' is set in the '{builder.Environment.EnvironmentName}' environment. Symmetric signing keys are accepted only in {string.Join(" or ", SymmetricKeyEnvironments)}: configure 'Authentication:Schemes:Bearer:Authority' (your OpenID Connect provider) instead.");
        }

        // Configure (not PostConfigure): JwtBearer's own post-configuration validates the authority's scheme,
        // so the Development relaxation must be in place before it runs.
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Keep the token's claim names ("sub", "preferred_username") instead of the legacy SOAP URIs.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "preferred_username";
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            if (builder.Environment.IsDevelopment())
            {
                options.RequireHttpsMetadata = false;
            }
            options.EventsType = typeof(BearerEvents);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<SigningKeyRefresh>();
        builder.Services.AddSingleton<BearerEvents>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TokenAuthenticator>();
        builder.Services.AddSingleton<CallerResolver>();
        return builder;
    }
}
