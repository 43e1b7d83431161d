using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>Every rendered object against the Kubernetes OpenAPI schemas (kubernetes-models,
/// offline): wrong types, missing required fields and unknown kinds fail here.</summary>
public sealed class SchemaValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(Chart.ProductionValues)]
    [InlineData(Chart.LocalHttpValues)]
    public void Every_rendered_object_is_a_valid_Kubernetes_object(string? valuesFile)
    {
        var node = DeployTools.RequireNodeValidator();
        var release = Chart.Template(valuesFile);

        var result = DeployTools.Run(node, [Path.Combine(DeployTools.ValidatorDirectory, "validate.mjs")], release.Yaml);

        var report = JsonNode.Parse(result.StandardOutput)!;
        Assert.True(result.ExitCode == 0, $"schema errors: {report["errors"]}\n{result.StandardError}");
        Assert.Equal(release.Objects.Count, (int)report["documents"]!);
        Assert.NotEmpty(release.Objects);
    }

    [Fact]
    public void The_validator_rejects_a_wrongly_typed_field_and_an_unknown_kind()
    {
        var node = DeployTools.RequireNodeValidator();
        const string broken = """
            apiVersion: v1
            kind: Service
            metadata: { name: broken }
            spec:
              ports: [{ port: "not-a-number" }]
            ---
            apiVersion: example.com/v1
            kind: Unknown
            metadata: { name: x }
            """;

        var result = DeployTools.Run(node, [Path.Combine(DeployTools.ValidatorDirectory, "validate.mjs")], broken);

        Assert.Equal(1, result.ExitCode);
        var errors = JsonNode.Parse(result.StandardOutput)!["errors"]!.AsArray();
        Assert.Equal(2, errors.Count);
    }
}
