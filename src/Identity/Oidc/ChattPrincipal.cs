using System.Security.Claims;
using Chatt.Identity.Accounts;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Chatt.Identity.Oidc;

/// <summary>
/// The one place that decides what a token says about an account. Built afresh from the stored account for
/// every authorization and every token request, so a refresh picks up a changed display name and a deleted
/// account gets nothing.
/// </summary>
public static class ChattPrincipal
{
    public static ClaimsPrincipal Create(Account account, IEnumerable<string> scopes, string audience)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name,
            roleType: Claims.Role);

        identity.SetClaim(Claims.Subject, account.Id)
            .SetClaim(Claims.PreferredUsername, account.Username)
            .SetClaim(Claims.Name, account.DisplayName);

        var granted = scopes.ToArray();
        identity.SetScopes(granted);
        // The chat API is the only resource this provider protects, so every access token is for it: a client
        // that forgets the chatt-api scope still gets a token ChatApi accepts.
        identity.SetResources(audience);

        var profile = granted.Contains(Scopes.Profile, StringComparer.Ordinal);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
            // Resource servers need the username to show who wrote a message, whatever the client asked for.
            Claims.PreferredUsername or Claims.Name when profile => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.PreferredUsername or Claims.Name => [Destinations.AccessToken],
            _ => [],
        });

        return new ClaimsPrincipal(identity);
    }
}
