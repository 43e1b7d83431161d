using Microsoft.Extensions.Configuration;

namespace Chatt.AppHost;

/// <summary>
/// The identity provider both the Gateway (sign-in) and ChatApi (token validation) are pointed at. Only these
/// standard OpenID Connect facts cross over, so the built-in Identity, Keycloak and any external provider are
/// interchangeable. <paramref name="Audience"/> is what ChatApi requires in access tokens (the Gateway checks
/// it too); <paramref name="AuthorizationParameters"/> are extra sign-in parameters only some providers need
/// (Auth0's <c>audience</c>; OpenIddict refuses one). <paramref name="Resource"/> is the provider's own resource
/// when the app host runs it.
/// </summary>
internal sealed record OidcProvider(
    string Description,
    ReferenceExpression Authority,
    string ClientId,
    IResourceBuilder<ParameterResource>? ClientSecret,
    string Audience,
    IReadOnlyDictionary<string, string> AuthorizationParameters,
    IReadOnlyList<string>? Scopes,
    IResourceBuilder<IResource>? Resource)
{
    public const string Section = "Oidc";
    private const string DefaultAudience = "chatt-api";

    /// <summary>
    /// An external provider given to the app host (<c>Oidc:Authority</c>, <c>Oidc:ClientId</c>, optional
    /// <c>Oidc:ClientSecret</c>, <c>Oidc:Audience</c>, <c>Oidc:Scopes:N</c>, <c>Oidc:AuthorizationParameters:NAME</c>),
    /// or null when none is configured.
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
            AuthorizationParameters: section.GetSection("AuthorizationParameters").GetChildren()
                .Where(parameter => parameter.Value is not null)
                .ToDictionary(parameter => parameter.Key, parameter => parameter.Value!, StringComparer.Ordinal),
            Scopes: scopes is { Length: > 0 } ? scopes : null,
            Resource: null);
    }
}
