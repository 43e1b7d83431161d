namespace Chatt.AppHost;

/// <summary>
/// The built-in OpenIddict provider (src/Identity) at http://localhost:5090, with its database under the data
/// directory and one public client for the Gateway. Its Development settings seed the demo accounts alice and bob.
/// </summary>
internal static class BuiltInIdentity
{
    public const int Port = 5090;
    public const string ClientId = "chatt-gateway";

    public static OidcProvider AddBuiltInIdentity(this IDistributedApplicationBuilder builder, string name,
        string dataDirectory, string gatewayUrl)
    {
        var identity = builder.AddProject<Projects.Identity>(name)
            .WithEndpoint("http", endpoint => endpoint.Port = Port)
            .WithEnvironment("ConnectionStrings__identitydb", $"Data Source={Path.Combine(dataDirectory, "identity.db")}")
            .WithEnvironment("Identity__Clients__0__ClientId", ClientId)
            .WithEnvironment("Identity__Clients__0__RedirectUris__0", $"{gatewayUrl}/signin-oidc")
            .WithEnvironment("Identity__Clients__0__PostLogoutRedirectUris__0", $"{gatewayUrl}/signout-callback-oidc")
            .WithHttpHealthCheck("/health");

        return new OidcProvider(
            Description: $"built-in Identity at http://localhost:{Port}",
            Authority: ReferenceExpression.Create($"{identity.GetEndpoint("http").Property(EndpointProperty.Url)}"),
            ClientId: ClientId,
            ClientSecret: null,
            Audience: "chatt-api",
            AuthorizationParameters: new Dictionary<string, string>(),
            Scopes: null,
            Resource: identity);
    }
}
