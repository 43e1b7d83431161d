namespace Chatt.Deploy.Tests;

/// <summary>values.schema.json: helm refuses wrong values at install, before anything reaches the cluster.</summary>
public sealed class ValuesSchemaTests
{
    [Theory]
    [InlineData("chatapi.replicaCount=two", "chatapi.replicaCount")]
    [InlineData("identity.replicaCount=2", "identity.replicaCount")]
    [InlineData("oidc.requireHttpsMetadata=maybe", "oidc.requireHttpsMetadata")]
    [InlineData("gateway.rateLimits.graphql.window=60", "gateway.rateLimits.graphql.window")]
    [InlineData("ingress.controller=haproxy", "ingress.controller")]
    [InlineData("identity.users[0].username=alice", "password")]
    [InlineData("gatway.replicaCount=1", "gatway")]
    public void A_wrong_value_is_refused_naming_it(string set, string named)
    {
        var result = Chart.TemplateRaw(null, set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void The_local_http_values_pass_strict_lint()
    {
        var result = Chart.Lint(Chart.LocalHttpValues);

        Assert.True(result.ExitCode == 0, result.Describe());
    }
}
