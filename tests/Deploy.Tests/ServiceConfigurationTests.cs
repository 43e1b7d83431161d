using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>What the chart hands each service is what that service's code reads (names from src/*).</summary>
public sealed class ServiceConfigurationTests
{
    public static TheoryData<string?, string> Releases => new()
    {
        { null, "chatapi" }, { null, "gateway" }, { null, "identity" },
        { Chart.ProductionValues, "chatapi" }, { Chart.ProductionValues, "gateway" },
        { Chart.LocalHttpValues, "gateway" }, { Chart.LocalHttpValues, "chatapi" },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void Every_setting_the_chart_gives_a_service_is_one_its_code_reads(string? valuesFile, string service)
    {
        var release = Chart.Template(valuesFile, "oidc.authorizationParameters.audience=https://api.example.com", "gateway.allowedOrigins[0]=https://dev.example.com");
        var container = Container(release.Get("Deployment", $"chatt-{service}"), service);
        var settings = new ServiceSettings(service switch { "chatapi" => "ChatApi", "gateway" => "Gateway", _ => "Identity" });

        var unread = container["env"]!.AsArray()
            .Select(e => (string)e!["name"]!)
            .Select(name => settings.Explain(name))
            .OfType<string>()
            .ToList();

        Assert.True(unread.Count == 0, string.Join("\n", unread));
    }

    [Fact]
    public void The_settings_reader_notices_a_name_the_service_does_not_read()
    {
        var gateway = new ServiceSettings("Gateway");

        Assert.Null(gateway.Explain("Oidc__Scopes__0"));
        Assert.Null(gateway.Explain("RateLimits__GraphQL__Window"));
        Assert.NotNull(gateway.Explain("Oidc__Scope__0"));
        Assert.NotNull(gateway.Explain("Oidc__Scopes"));
        Assert.NotNull(gateway.Explain("DataProtection__KeyPath"));
        Assert.NotNull(new ServiceSettings("Identity").Explain("Identity__Clients__0__RedirectUri__0"));
    }

    [Fact]
    public void The_gateway_gets_its_scopes_audience_key_ring_web_root_and_chatapi_address()
    {
        var release = Chart.Template(null, "oidc.authorizationParameters.audience=https://api.example.com");
        var deployment = release.Get("Deployment", "chatt-gateway");
        var gateway = Container(deployment, "gateway");

        Assert.Equal(["openid", "profile", "offline_access", "chatt-api"],
            Enumerable.Range(0, 4).Select(i => (string?)Env(gateway, $"Oidc__Scopes__{i}")["value"]));
        Assert.Equal("chatt-api", (string?)Env(gateway, "Oidc__Audience")["value"]);
        Assert.Equal("https://api.example.com", (string?)Env(gateway, "Oidc__AuthorizationParameters__audience")["value"]);
        Assert.Equal("/keys", (string?)Env(gateway, "DataProtection__KeysPath")["value"]);
        Assert.Contains(gateway["volumeMounts"]!.AsArray(), m => (string?)m!["mountPath"] == "/keys" && m["readOnly"] is null);
        Assert.Equal("/app/wwwroot", (string?)Env(gateway, "Gateway__WebRoot")["value"]);
        Assert.Equal("http://chatt-chatapi:8080", (string?)Env(gateway, "services__chatapi__http__0")["value"]);
        Assert.Equal("true", (string?)Env(gateway, "ASPNETCORE_FORWARDEDHEADERS_ENABLED")["value"]);
        Assert.False(HasEnv(gateway, "Oidc__ClientSecret"));
    }

    [Fact]
    public void A_client_secret_reaches_the_gateway_and_the_built_in_identity_from_the_same_secret()
    {
        var release = Chart.Template(null, "oidc.existingSecret=my-oidc");

        var gateway = Container(release.Get("Deployment", "chatt-gateway"), "gateway");
        var identity = Container(release.Get("Deployment", "chatt-identity"), "identity");
        Assert.Equal(("my-oidc", "client-secret"), SecretRef(gateway, "Oidc__ClientSecret"));
        Assert.Equal(("my-oidc", "client-secret"), SecretRef(identity, "Identity__Clients__0__ClientSecret"));
    }

    [Fact]
    public void Chatapi_accepts_the_audience_the_built_in_identity_issues()
    {
        var release = Chart.Template(null, "oidc.audience=my-api");
        var chatapi = Container(release.Get("Deployment", "chatt-chatapi"), "chatapi");
        var identity = Container(release.Get("Deployment", "chatt-identity"), "identity");
        var gateway = Container(release.Get("Deployment", "chatt-gateway"), "gateway");

        Assert.Equal("my-api", (string?)Env(identity, "Identity__Audience")["value"]);
        Assert.Equal("my-api", (string?)Env(chatapi, "Authentication__Schemes__Bearer__ValidAudiences__0")["value"]);
        Assert.Equal("my-api", (string?)Env(gateway, "Oidc__Audience")["value"]);
        Assert.Equal((string?)Env(identity, "Identity__Issuer")["value"], (string?)Env(chatapi, "Authentication__Schemes__Bearer__Authority")["value"]);
    }

    [Fact]
    public void Several_gateway_replicas_without_a_shared_key_ring_are_refused()
    {
        var result = Chart.TemplateRaw(null, "gateway.replicaCount=2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("gateway.dataProtection.existingSecret", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_replicas_sharing_a_volume_write_their_key_ring_there()
    {
        var release = Chart.Template(null, "gateway.replicaCount=3", "gateway.dataProtection.existingClaim=gateway-keys");

        var volume = PodSpec(release.Get("Deployment", "chatt-gateway"))["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data-protection-keys")!;
        Assert.Equal("gateway-keys", (string?)volume["persistentVolumeClaim"]!["claimName"]);
    }
}
