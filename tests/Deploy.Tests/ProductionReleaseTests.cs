using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>`helm install chatt ./helm/chatt -f values-production.yaml`: external MongoDB, NATS and OIDC.</summary>
public sealed class ProductionReleaseTests
{
    private static RenderedRelease Release => Chart.Template(Chart.ProductionValues);

    [Fact]
    public void Production_values_run_no_MongoDB_NATS_or_Identity_in_the_chart()
    {
        Assert.Empty(Release.OfKind("StatefulSet"));
        Assert.Empty(Release.OfKind("PersistentVolumeClaim"));
        Assert.Null(Release.Find("Deployment", "chatt-identity"));
        Assert.DoesNotContain(Release.Objects, o => (string?)o["metadata"]!["name"] is "chatt-mongodb" or "chatt-nats" or "chatt-identity"
            && (string?)o["kind"] != "NetworkPolicy");
        Assert.Equal(["chatt-chatapi", "chatt-gateway"], Release.OfKind("Deployment").Select(d => (string?)d["metadata"]!["name"]).Order());
    }

    [Fact]
    public void Connections_and_the_client_secret_come_from_existing_secrets()
    {
        var chatapi = Container(Release.Get("Deployment", "chatt-chatapi"), "chatapi");
        var gateway = Container(Release.Get("Deployment", "chatt-gateway"), "gateway");

        Assert.Equal(("chatt-mongodb", "uri"), SecretRef(chatapi, "ConnectionStrings__chatdb"));
        Assert.Equal(("chatt-nats", "url"), SecretRef(chatapi, "ConnectionStrings__nats"));
        Assert.Equal(("chatt-oidc", "client-secret"), SecretRef(gateway, "Oidc__ClientSecret"));
        Assert.Equal("https://keycloak.example.com/realms/chatt", (string?)Env(chatapi, "Authentication__Schemes__Bearer__Authority")["value"]);
    }

    [Fact]
    public void The_charts_own_secret_holds_no_secret_value_when_existing_secrets_are_used()
    {
        var secret = Release.Get("Secret", "chatt-config");

        Assert.True(secret["stringData"] is null || secret["stringData"]!.AsObject().Count == 0, secret.ToJsonString());
    }

    [Fact]
    public void Chatapi_and_gateway_autoscale_on_cpu()
    {
        foreach (var name in new[] { "chatt-chatapi", "chatt-gateway" })
        {
            var hpa = Release.Get("HorizontalPodAutoscaler", name);
            Assert.Equal(name, (string?)hpa["spec"]!["scaleTargetRef"]!["name"]);
            var metric = Assert.Single(hpa["spec"]!["metrics"]!.AsArray())!;
            Assert.Equal("cpu", (string?)metric["resource"]!["name"]);
            // The HPA owns the replica count; a fixed one would fight it on every upgrade.
            Assert.Null(Release.Get("Deployment", name)["spec"]!["replicas"]);
        }
        Assert.Equal("3", (string?)Release.Get("HorizontalPodAutoscaler", "chatt-chatapi")["spec"]!["minReplicas"]);
    }

    [Fact]
    public void Every_gateway_replica_reads_the_same_cookie_key_ring()
    {
        var deployment = Release.Get("Deployment", "chatt-gateway");
        var gateway = Container(deployment, "gateway");

        Assert.Equal("/keys", (string?)Env(gateway, "DataProtection__KeysPath")["value"]);
        var volume = PodSpec(deployment)["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data-protection-keys")!;
        Assert.Equal("chatt-gateway-keys", (string?)volume["secret"]!["secretName"]);
    }

    [Fact]
    public void The_gateway_is_reachable_only_from_the_ingress_controller_namespace_and_the_releases_helm_test_pods()
    {
        var rule = Assert.Single(Release.Get("NetworkPolicy", "chatt-gateway")["spec"]!["ingress"]!.AsArray())!;
        var peers = rule["from"]!.AsArray();

        Assert.Equal(2, peers.Count);
        Assert.Equal("ingress-nginx", (string?)peers[0]!["namespaceSelector"]!["matchLabels"]!["kubernetes.io/metadata.name"]);
        Assert.Null(peers[1]!["namespaceSelector"]);
        Assert.Equal("tests", Component(peers[1]!["podSelector"]!["matchLabels"]!.AsObject()));
    }

    [Fact]
    public void The_ingress_serves_the_public_host_over_tls()
    {
        var ingress = Release.Get("Ingress", "chatt");

        Assert.Equal("chat.example.com", (string?)ingress["spec"]!["rules"]![0]!["host"]);
        Assert.Equal("chatt-tls", (string?)ingress["spec"]!["tls"]![0]!["secretName"]);
        Assert.Single(ingress["spec"]!["rules"]!.AsArray());
    }
}
