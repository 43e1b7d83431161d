using System.ComponentModel.DataAnnotations;

namespace Chatt.Gateway.Auth;

/// <summary>
/// The identity provider, bound from the <c>Oidc</c> section. Only standard OpenID Connect is assumed, so any
/// provider (the built-in one, Keycloak, Auth0, Entra ID) is plugged in by these settings alone.
/// </summary>
public sealed class OidcSettings
{
    public const string SectionName = "Oidc";

    /// <summary>Issuer URL; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    [Required]
    [Url]
    public string Authority { get; set; } = "";

    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>Unset for a public client (PKCE only); set for a confidential one.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes requested at sign-in. <c>offline_access</c> is what yields a refresh token at most providers.</summary>
    [MinLength(1)]
    public string[] Scopes { get; set; } = ["openid", "profile", "offline_access", "chatt-api"];

    /// <summary>
    /// The audience ChatApi requires in access tokens (its <c>ValidAudiences</c>). When set, the gateway checks the
    /// access token it receives at sign-in and logs a warning naming this setting if the provider issued one for
    /// another audience, the usual misconfiguration. Providers choose the audience from the scopes, or (Auth0)
    /// from an <c>audience</c> parameter: put that in <see cref="AuthorizationParameters"/>.
    /// </summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Extra parameters for the authorization request, e.g. <c>audience</c> for Auth0. Not sent by default: the
    /// built-in provider refuses unknown ones such as <c>audience</c> (OpenIddict ID2193).
    /// </summary>
    public Dictionary<string, string> AuthorizationParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Refuse a plain-http authority. Defaults to true outside Development.</summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>How long before the access token expires the gateway trades the refresh token for a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);
}
