using Microsoft.Extensions.Configuration;

namespace Chatt.AppHost;

/// <summary>
/// The identity provider both the Gateway (sign-in) and ChatApi (token validation) are pointed at. Only these
/// standard OpenID Connect facts cross over, so the built-in Identity, Keycloak and any external provider are
/// interchangeable. <paramref name="Audience"/> is what ChatApi requires in access tokens;
/// <paramref name="AudienceParameter"/> is sent at sign-in only to providers that need it (Auth0) — OpenIddict
/// refuses an <c>audience</c> parameter. <paramref name="Resource"/> is the provider's own resource when the app host runs it.
/// </summary>
internal sealed record OidcProvider(
    string Description,
    ReferenceExpression Authority,
    string ClientId,
    IResourceBuilder<ParameterResource>? ClientSecret,
    string Audience,
    string? AudienceParameter,
    IReadOnlyList<string>? Scopes,
    IResourceBuilder<IResource>? Resource)
{
    public const string Section = "Oidc";
    private const string DefaultAudience = "chatt-api";

    /// <summary>
    /// An external provider given to the app host (<c>Oidc:Authority</c>, <c>Oidc:ClientId</c>, optional
    /// <c>Oidc:ClientSecret</c>, <c>Oidc:Audience</c>, <c>Oidc:Scopes:N</c>), or null when none is configured.
    /// </summary>
    public static OidcProvider? External(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority))
        {
            return null;
        }

        var clientId = section["ClientId"];
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new InvalidOperationException($"'{Section}:Authority' is set, so '{Section}:ClientId' must be set too.");
        }

        var secret = section["ClientSecret"];
        var scopes = section.GetSection("Scopes").Get<string[]>();
        return new OidcProvider(
            Description: $"external provider at {authority}",
            Authority: ReferenceExpression.Create($"{authority}"),
            ClientId: clientId,
            ClientSecret: string.IsNullOrEmpty(secret) ? null : builder.AddParameter("oidc-client-secret", secret, secret: true),
            Audience: section["Audience"] ?? DefaultAudience,
            AudienceParameter: section["Audience"],
            Scopes: scopes is { Length: > 0 } ? scopes : null,
            Resource: null);
    }
}
