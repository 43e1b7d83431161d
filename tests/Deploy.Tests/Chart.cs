using System.Collections.Concurrent;

namespace Chatt.Deploy.Tests;

/// <summary>Runs helm against helm/chatt. Release name "chatt", Kubernetes 1.31.</summary>
internal static class Chart
{
    public const string ReleaseName = "chatt";
    public const string KubeVersion = "1.31.0";
    public const string ProductionValues = "values-production.yaml";
    public const string LocalHttpValues = "values-local-http.yaml";

    private static readonly ConcurrentDictionary<string, RenderedRelease> Cache = new();

    public static ProcessResult Lint(string? valuesFile = null)
    {
        var helm = DeployTools.RequireHelm();
        List<string> args = ["lint", "--strict", DeployTools.ChartDirectory];
        if (valuesFile is not null)
        {
            args.AddRange(["-f", Path.Combine(DeployTools.ChartDirectory, valuesFile)]);
        }
        return DeployTools.Run(helm, args);
    }

    /// <summary>Renders the chart; <paramref name="valuesFile"/> is relative to the chart, null for the defaults.</summary>
    public static ProcessResult TemplateRaw(string? valuesFile, params string[] sets)
    {
        var helm = DeployTools.RequireHelm();
        List<string> args = ["template", ReleaseName, DeployTools.ChartDirectory, "--kube-version", KubeVersion, "--namespace", "chatt"];
        if (valuesFile is not null)
        {
            args.AddRange(["-f", Path.Combine(DeployTools.ChartDirectory, valuesFile)]);
        }
        foreach (var set in sets)
        {
            args.AddRange(["--set", set]);
        }
        return DeployTools.Run(helm, args);
    }

    /// <summary>Renders and parses the chart, failing the test when helm refuses the values.</summary>
    public static RenderedRelease Template(string? valuesFile = null, params string[] sets) =>
        Cache.GetOrAdd($"{valuesFile}|{string.Join('|', sets)}", _ =>
        {
            var result = TemplateRaw(valuesFile, sets);
            Assert.True(result.ExitCode == 0, $"helm template failed: {result.Describe()}");
            return new RenderedRelease(result.StandardOutput, YamlJson.ReadDocuments(result.StandardOutput));
        });
}
