using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>`helm install chatt ./helm/chatt` with the default (trial) values.</summary>
public sealed class TrialReleaseTests
{
    private static RenderedRelease Release => Chart.Template();

    [Fact]
    public void Chatapi_is_ready_on_health_and_live_on_alive()
    {
        var chatapi = Container(Release.Get("Deployment", "chatt-chatapi"), "chatapi");

        Assert.Equal("/health", (string?)chatapi["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/alive", (string?)chatapi["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("http", (string?)chatapi["readinessProbe"]!["httpGet"]!["port"]);
        Assert.Equal("8080", (string?)chatapi["ports"]![0]!["containerPort"]);
        Assert.Equal("8080", (string?)Env(chatapi, "ASPNETCORE_HTTP_PORTS")["value"]);
    }

    [Fact]
    public void Every_service_of_chatt_is_probed_the_same_way()
    {
        foreach (var name in new[] { "chatapi", "gateway", "identity" })
        {
            var container = Container(Release.Get("Deployment", $"chatt-{name}"), name);
            Assert.Equal("/health", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/alive", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
        }
    }

    [Fact]
    public void Every_pod_runs_as_non_root_without_privileges_on_a_read_only_root()
    {
        Assert.NotEmpty(Release.Workloads);
        foreach (var workload in Release.Workloads)
        {
            var name = (string?)workload["metadata"]!["name"];
            Assert.True((string?)PodSpec(workload)["securityContext"]!["runAsNonRoot"] == "true", $"{name}: runAsNonRoot");
            foreach (var container in Containers(workload))
            {
                var security = container["securityContext"]!;
                Assert.True((string?)security["allowPrivilegeEscalation"] == "false", $"{name}: allowPrivilegeEscalation");
                Assert.True((string?)security["readOnlyRootFilesystem"] == "true", $"{name}: readOnlyRootFilesystem");
                Assert.Equal(["ALL"], security["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
            }
        }
    }

    [Fact]
    public void The_trial_runs_MongoDB_and_NATS_with_JetStream_on_persistent_volumes()
    {
        var mongodb = Release.Get("StatefulSet", "chatt-mongodb");
        var nats = Release.Get("StatefulSet", "chatt-nats");

        Assert.Equal("data", (string?)mongodb["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"]);
        Assert.Equal("jetstream", (string?)nats["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"]);
        Assert.Contains("--jetstream", Container(nats, "nats")["args"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void Chatapi_connects_to_the_in_chart_MongoDB_and_NATS_through_secrets()
    {
        var chatapi = Container(Release.Get("Deployment", "chatt-chatapi"), "chatapi");

        Assert.Equal(("chatt-mongodb", "uri"), SecretRef(chatapi, "ConnectionStrings__chatdb"));
        Assert.Equal(("chatt-config", "nats-url"), SecretRef(chatapi, "ConnectionStrings__nats"));
        var mongoUri = (string?)Release.Get("Secret", "chatt-mongodb")["stringData"]!["uri"];
        Assert.StartsWith("mongodb://root:", mongoUri, StringComparison.Ordinal);
        Assert.Contains("@chatt-mongodb:27017/chatt?authSource=admin", mongoUri, StringComparison.Ordinal);
        Assert.Equal("nats://chatt-nats:4222", (string?)Release.Get("Secret", "chatt-config")["stringData"]!["nats-url"]);
    }

    [Fact]
    public void Gateway_and_chatapi_trust_the_built_in_identity_provider()
    {
        var gateway = Container(Release.Get("Deployment", "chatt-gateway"), "gateway");
        var chatapi = Container(Release.Get("Deployment", "chatt-chatapi"), "chatapi");

        var authority = (string?)Env(gateway, "Oidc__Authority")["value"];
        Assert.Equal("http://id.chat.localhost/", authority);
        Assert.Equal(authority, (string?)Env(chatapi, "Authentication__Schemes__Bearer__Authority")["value"]);
        Assert.Equal((string?)Env(gateway, "Oidc__Audience")["value"], (string?)Env(chatapi, "Authentication__Schemes__Bearer__ValidAudiences__0")["value"]);
        Assert.Equal("http://chatt-chatapi:8080", (string?)Env(gateway, "services__chatapi__http__0")["value"]);
        Assert.NotNull(Release.Find("Deployment", "chatt-identity"));
    }

    [Fact]
    public void The_ingress_keeps_idle_websockets_open_through_nginx()
    {
        var ingress = Release.Get("Ingress", "chatt");
        var annotations = ingress["metadata"]!["annotations"]!;

        Assert.Equal("3600", (string?)annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]);
        Assert.Equal("3600", (string?)annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"]);
        var backend = ingress["spec"]!["rules"]![0]!["http"]!["paths"]![0]!["backend"]!["service"]!;
        Assert.Equal("chatt-gateway", (string?)backend["name"]);
    }

    [Fact]
    public void Only_the_gateway_and_the_releases_helm_test_pods_may_reach_chatapi()
    {
        var policy = Release.Get("NetworkPolicy", "chatt-chatapi");

        Assert.Equal("chatapi", Component(policy["spec"]!["podSelector"]!["matchLabels"]!.AsObject()));
        var rule = Assert.Single(policy["spec"]!["ingress"]!.AsArray())!;
        var peers = rule["from"]!.AsArray();
        Assert.Equal(["gateway", "tests"], peers.Select(peer => Component(peer!["podSelector"]!["matchLabels"]!.AsObject())));
        Assert.All(peers, peer => Assert.Null(peer!["namespaceSelector"]));
        // The peers are this release's pods only: the instance label is part of each selector.
        Assert.All(peers, peer => Assert.Equal("chatt", (string?)peer!["podSelector"]!["matchLabels"]!["app.kubernetes.io/instance"]));
    }

    [Theory]
    [InlineData("mongodb", "mongodb")]
    [InlineData("nats", "client")]
    public void Only_chatapi_may_reach_the_in_chart_engines(string engine, string port)
    {
        var policy = Release.Get("NetworkPolicy", $"chatt-{engine}");

        var rule = Assert.Single(policy["spec"]!["ingress"]!.AsArray())!;
        var peer = Assert.Single(rule["from"]!.AsArray())!;
        Assert.Equal("chatapi", Component(peer["podSelector"]!["matchLabels"]!.AsObject()));
        Assert.Equal(port, (string?)Assert.Single(rule["ports"]!.AsArray())!["port"]);
    }

    [Fact]
    public void Chatapi_and_gateway_keep_a_replica_through_voluntary_disruptions()
    {
        foreach (var name in new[] { "chatt-chatapi", "chatt-gateway" })
        {
            var pdb = Release.Get("PodDisruptionBudget", name);
            Assert.Equal("1", (string?)pdb["spec"]!["maxUnavailable"]);
        }
        Assert.Equal("2", (string?)Release.Get("Deployment", "chatt-chatapi")["spec"]!["replicas"]);
    }
}
