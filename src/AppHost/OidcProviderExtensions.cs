namespace Chatt.AppHost;

/// <summary>Points a service at an <see cref="OidcProvider"/>, in the setting names that service reads.</summary>
internal static class OidcProviderExtensions
{
    /// <summary>The Gateway signs people in at the provider (<c>Oidc:*</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithSignInProvider(this IResourceBuilder<ProjectResource> gateway, OidcProvider provider)
    {
        gateway
            .WithEnvironment("Oidc__Authority", provider.Authority)
            .WithEnvironment("Oidc__ClientId", provider.ClientId)
            .WithEnvironment("Oidc__Audience", provider.Audience);
        if (provider.ClientSecret is not null)
        {
            gateway.WithEnvironment("Oidc__ClientSecret", provider.ClientSecret);
        }
        foreach (var (name, value) in provider.AuthorizationParameters)
        {
            gateway.WithEnvironment($"Oidc__AuthorizationParameters__{name}", value);
        }
        for (var i = 0; i < (provider.Scopes?.Count ?? 0); i++)
        {
            gateway.WithEnvironment($"Oidc__Scopes__{i}", provider.Scopes![i]);
        }
        return gateway.WithLocalProvider(provider, "Oidc__RequireHttpsMetadata");
    }

    /// <summary>ChatApi accepts the provider's access tokens issued for the API's audience.</summary>
    public static IResourceBuilder<ProjectResource> WithTokenAuthority(this IResourceBuilder<ProjectResource> chatApi, OidcProvider provider) =>
        chatApi
            .WithEnvironment("Authentication__Schemes__Bearer__Authority", provider.Authority)
            .WithEnvironment("Authentication__Schemes__Bearer__ValidAudiences__0", provider.Audience)
            .WithLocalProvider(provider, "Authentication__Schemes__Bearer__RequireHttpsMetadata");

    // A provider the app host runs itself is plain http on loopback; an external one keeps https required.
    private static IResourceBuilder<ProjectResource> WithLocalProvider(this IResourceBuilder<ProjectResource> service,
        OidcProvider provider, string requireHttpsSetting) =>
        provider.Resource is null
            ? service
            : service.WithEnvironment(requireHttpsSetting, "false").WaitFor(provider.Resource);
}
