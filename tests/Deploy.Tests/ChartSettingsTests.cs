using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>Settings a self-hoster changes, and releases the chart refuses to render.</summary>
public sealed class ChartSettingsTests
{
    [Fact]
    public void A_release_without_any_MongoDB_is_refused_with_the_settings_to_use()
    {
        var result = Chart.TemplateRaw(null, "mongodb.enabled=false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("externalMongodb.existingSecret", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_chatapi_replicas_without_NATS_are_refused()
    {
        var result = Chart.TemplateRaw(null, "nats.enabled=false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("needs NATS", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void No_identity_provider_at_all_is_refused()
    {
        var result = Chart.TemplateRaw(null, "identity.enabled=false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("oidc.authority", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void One_chatapi_replica_may_run_without_NATS()
    {
        var release = Chart.Template(null, "nats.enabled=false", "chatapi.replicaCount=1");

        var chatapi = Container(release.Get("Deployment", "chatt-chatapi"), "chatapi");
        Assert.False(HasEnv(chatapi, "ConnectionStrings__nats"));
        Assert.Null(release.Find("StatefulSet", "chatt-nats"));
    }

    [Fact]
    public void An_inline_external_MongoDB_uri_is_kept_in_the_charts_secret()
    {
        var release = Chart.Template(null, "mongodb.enabled=false", "externalMongodb.uri=mongodb://db.example.net:27017/chatt");

        var chatapi = Container(release.Get("Deployment", "chatt-chatapi"), "chatapi");
        Assert.Equal(("chatt-config", "mongodb-uri"), SecretRef(chatapi, "ConnectionStrings__chatdb"));
        Assert.Equal("mongodb://db.example.net:27017/chatt", (string?)release.Get("Secret", "chatt-config")["stringData"]!["mongodb-uri"]);
    }

    [Fact]
    public void Scaling_on_active_sockets_adds_a_pods_metric_to_the_chatapi_autoscaler()
    {
        var release = Chart.Template(null, "chatapi.autoscaling.enabled=true", "chatapi.autoscaling.activeSockets.enabled=true");

        var metrics = release.Get("HorizontalPodAutoscaler", "chatt-chatapi")["spec"]!["metrics"]!.AsArray();
        Assert.Equal(2, metrics.Count);
        Assert.Equal("chatt_active_sockets", (string?)metrics[1]!["pods"]!["metric"]!["name"]);
    }

    [Fact]
    public void Without_autoscaling_no_autoscaler_is_rendered()
    {
        Assert.Empty(Chart.Template().OfKind("HorizontalPodAutoscaler"));
    }

    [Fact]
    public void Traefik_routes_through_its_entry_point_without_nginx_annotations()
    {
        var release = Chart.Template(null, "ingress.controller=traefik");

        var annotations = release.Get("Ingress", "chatt")["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("web", (string?)annotations["traefik.ingress.kubernetes.io/router.entrypoints"]);
        Assert.DoesNotContain(annotations, a => a.Key.StartsWith("nginx.", StringComparison.Ordinal));
    }

    [Fact]
    public void Image_registry_and_tag_apply_to_every_chatt_service()
    {
        var release = Chart.Template(null, "image.registry=registry.example.net/team", "image.tag=1.2.3");

        foreach (var name in new[] { "chatapi", "gateway", "identity" })
        {
            var container = Container(release.Get("Deployment", $"chatt-{name}"), name);
            Assert.Equal($"registry.example.net/team/chatt-{name}:1.2.3", (string?)container["image"]);
        }
    }
}
