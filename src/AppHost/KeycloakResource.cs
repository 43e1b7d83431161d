namespace Chatt.AppHost;

/// <summary>
/// Keycloak as a container that imports <c>keycloak/chatt-realm.json</c> at start: realm <c>chatt</c>, a public
/// client <c>chatt</c> (code flow, PKCE S256, redirect http://localhost:5080/signin-oidc, access tokens carrying
/// the audience <c>chatt-api</c>) and the demo users alice and bob. Its host port is fixed, so the issuer that
/// browsers and services see stays the same across runs. Development mode (<c>start-dev</c>, plain http).
/// </summary>
internal static class KeycloakResource
{
    public const int HostPort = 8180;
    public const string Realm = "chatt";
    public const string ClientId = "chatt";

    public static OidcProvider AddKeycloak(this IDistributedApplicationBuilder builder, string name, string realmFolder)
    {
        var adminPassword = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-admin-password");
        var keycloak = builder.AddResource(new KeycloakContainerResource(name))
            .WithImage("keycloak/keycloak", "26.4")
            .WithImageRegistry("quay.io")
            .WithHttpEndpoint(port: HostPort, targetPort: 8080)
            .WithHttpEndpoint(name: "management", targetPort: 9000)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithBindMount(realmFolder, "/opt/keycloak/data/import", isReadOnly: true)
            .WithVolume("chatt-keycloak", "/opt/keycloak/data/h2")
            .WithArgs("start-dev", "--import-realm")
            .WithHttpHealthCheck("/health/ready", endpointName: "management");

        var http = keycloak.GetEndpoint("http");
        return new OidcProvider(
            Description: $"Keycloak (container, realm '{Realm}')",
            Authority: ReferenceExpression.Create($"{http.Property(EndpointProperty.Url)}/realms/{Realm}"),
            ClientId: ClientId,
            ClientSecret: null,
            Audience: "chatt-api",
            AuthorizationParameters: new Dictionary<string, string>(),
            // Keycloak refuses scopes it does not know; the audience comes from the client's mapper instead.
            Scopes: ["openid", "profile", "email", "offline_access"],
            Resource: keycloak);
    }
}

internal sealed class KeycloakContainerResource(string name) : ContainerResource(name);
