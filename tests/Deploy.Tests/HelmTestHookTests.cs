namespace Chatt.Deploy.Tests;

/// <summary>`helm test` Pods (templates/tests/): health of every service, the sign-in redirect, a GraphQL query with a provider token.</summary>
public sealed class HelmTestHookTests
{
    [Fact]
    public void A_trial_with_accounts_gets_health_signin_and_graphql_test_pods()
    {
        var release = Chart.Template(null, "identity.users[0].username=alice", "identity.users[0].password=alice-password-1");

        foreach (var check in new[] { "health", "signin", "graphql" })
        {
            var pod = release.Get("Pod", $"chatt-test-{check}");
            Assert.Equal("test", (string?)pod["metadata"]!["annotations"]!["helm.sh/hook"]);
            Assert.Equal("true", (string?)pod["spec"]!["securityContext"]!["runAsNonRoot"]);
        }

        var health = (string)release.Get("Pod", "chatt-test-health")["spec"]!["containers"]![0]!["args"]![0]!;
        Assert.Contains("http://chatt-chatapi:8080/health", health, StringComparison.Ordinal);
        Assert.Contains("http://chatt-identity:8080/health", health, StringComparison.Ordinal);
        var graphql = (string)release.Get("Pod", "chatt-test-graphql")["spec"]!["containers"]![0]!["args"]![0]!;
        Assert.Contains("{ me { id username } }", graphql, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_accounts_or_a_client_credentials_client_there_is_no_graphql_test_pod()
    {
        var release = Chart.Template();

        Assert.Null(release.Find("Pod", "chatt-test-graphql"));
        Assert.NotNull(release.Find("Pod", "chatt-test-health"));
    }
}
