using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatt.ChatApi.Auth;

public static class AuthExtensions
{
    private const string SigningKeysSection = "Authentication:Schemes:Bearer:SigningKeys";

    /// <summary>
    /// JWT bearer validation configured entirely from the standard <c>Authentication:Schemes:Bearer</c> section
    /// (the one <c>dotnet user-jwts</c> writes): <c>Authority</c> for any OIDC issuer (discovery and keys fetched
    /// from it), <c>ValidAudiences</c>, <c>ValidIssuer</c>, and <c>SigningKeys</c> for development and tests.
    /// </summary>
    public static IHostApplicationBuilder AddChatAuth(this IHostApplicationBuilder builder)
    {
        // Symmetric development keys in production would let anyone holding the config mint any identity.
        if (builder.Environment.IsProduction() && builder.Configuration.GetSection(SigningKeysSection).GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"'{SigningKeysSection}' is set in the Production environment. Development signing keys must not be used in production: configure 'Authentication:Schemes:Bearer:Authority' instead.");
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
