using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>The SDK container settings (src/Directory.Build.targets) as MSBuild evaluates them.
/// Building the image itself needs the base image from its registry, which this check does not.</summary>
public sealed class ContainerImageTests
{
    [Fact]
    public void ChatApi_publishes_as_a_non_root_chiseled_image_named_like_the_chart_expects()
    {
        var project = Path.Combine(DeployTools.RepoRoot, "src", "ChatApi", "ChatApi.csproj");

        var result = DeployTools.Run("dotnet", ["msbuild", project, "-nologo",
            "-getProperty:EnableSdkContainerSupport", "-getProperty:ContainerRepository",
            "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser", "-getItem:ContainerPort"]);

        Assert.True(result.ExitCode == 0, result.Describe());
        var evaluated = JsonNode.Parse(result.StandardOutput)!;
        var properties = evaluated["Properties"]!;
        Assert.Equal("true", (string?)properties["EnableSdkContainerSupport"]);
        Assert.Equal("chatt-chatapi", (string?)properties["ContainerRepository"]);
        Assert.Contains("chiseled", (string?)properties["ContainerBaseImage"], StringComparison.Ordinal);
        Assert.Equal("1654", (string?)properties["ContainerUser"]);
        Assert.Equal("8080", (string?)Assert.Single(evaluated["Items"]!["ContainerPort"]!.AsArray())!["Identity"]);
    }
}
