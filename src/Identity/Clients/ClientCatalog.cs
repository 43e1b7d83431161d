using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Chatt.Identity.Clients;

/// <summary>
/// Makes the stored client applications match configuration: adds and updates the listed ones and deletes
/// any other, so removing a client from configuration really revokes it.
/// </summary>
public sealed class ClientCatalog(IOpenIddictApplicationManager applications)
{
    public async Task SyncAsync(IReadOnlyList<ClientRegistration> clients, CancellationToken cancellationToken)
    {
        var wanted = clients.Select(c => c.ClientId).ToHashSet(StringComparer.Ordinal);
        var stale = new List<object>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (!wanted.Contains(await applications.GetClientIdAsync(application, cancellationToken) ?? ""))
            {
                stale.Add(application);
            }
        }

        foreach (var application in stale)
        {
            await applications.DeleteAsync(application, cancellationToken);
        }

        foreach (var client in clients)
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    private static OpenIddictApplicationDescriptor Describe(ClientRegistration client)
    {
        var confidential = !string.IsNullOrEmpty(client.ClientSecret);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = confidential ? client.ClientSecret : null,
            ClientType = confidential ? ClientTypes.Confidential : ClientTypes.Public,
            DisplayName = client.DisplayName ?? client.ClientId,
            // First-party clients only: there is no consent screen to show.
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + Oidc.ChattScopes.Api,
            },
            // Every client, public or confidential, must use PKCE.
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };

        foreach (var uri in client.RedirectUris)
        {
            descriptor.RedirectUris.Add(uri);
        }

        foreach (var uri in client.PostLogoutRedirectUris)
        {
            descriptor.PostLogoutRedirectUris.Add(uri);
        }

        return descriptor;
    }
}
