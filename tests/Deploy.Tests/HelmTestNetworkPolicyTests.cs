using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>
/// `helm test` must be able to do what its Pods check: every NetworkPolicy in front of a service a test Pod calls
/// directly (chatapi's and identity's /health, the gateway's /auth/login) admits that Pod, and no other new peer.
/// </summary>
public sealed class HelmTestNetworkPolicyTests
{
    private static readonly string[] Services = ["chatapi", "gateway", "identity"];

    private static readonly string[] Restricted = ["networkPolicy.ingressFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name=ingress-nginx"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_service_a_test_pod_calls_admits_it(bool ingressFromSet)
    {
        var release = Chart.Template(null, ingressFromSet ? Restricted : []);

        foreach (var pod in release.OfKind("Pod").Where(p => (string?)p["metadata"]!["annotations"]?["helm.sh/hook"] == "test"))
        {
            var labels = pod["metadata"]!["labels"]!.AsObject();
            var script = (string)pod["spec"]!["containers"]![0]!["args"]![0]!
                + string.Concat(pod["spec"]!["containers"]![0]!["env"]?.AsArray().Select(e => (string?)e!["value"]) ?? []);
            foreach (var service in Services.Where(s => script.Contains($"http://chatt-{s}:", StringComparison.Ordinal)))
            {
                var policy = release.Get("NetworkPolicy", $"chatt-{service}");
                Assert.True(Admits(policy, labels), $"{pod["metadata"]!["name"]} calls chatt-{service}, whose NetworkPolicy refuses it");
            }
        }
    }

    [Fact]
    public void Without_helm_tests_chatapi_admits_the_gateway_alone()
    {
        var policy = Chart.Template(null, "tests.enabled=false").Get("NetworkPolicy", "chatt-chatapi");

        var peer = Assert.Single(policy["spec"]!["ingress"]![0]!["from"]!.AsArray())!;
        Assert.Equal("gateway", Manifest.Component(peer["podSelector"]!["matchLabels"]!.AsObject()));
    }

    /// <summary>Whether a pod of this namespace with <paramref name="labels"/> matches one of the policy's ingress rules.</summary>
    private static bool Admits(JsonObject policy, JsonObject labels) =>
        policy["spec"]!["ingress"]!.AsArray().Any(rule =>
            rule!["from"] is not JsonArray from
            || from.Any(peer => peer!["namespaceSelector"] is null && peer["podSelector"]?["matchLabels"] is JsonObject match
                && match.All(label => (string?)labels[label.Key] == (string?)label.Value)));
}
