using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>The objects `helm template` rendered, with the YAML text they came from.</summary>
internal sealed class RenderedRelease(string yaml, IReadOnlyList<JsonObject> objects)
{
    public string Yaml { get; } = yaml;

    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject? Find(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]?["name"] == name);

    public JsonObject Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException(
            $"no {kind} named {name} in the release; it has: {string.Join(", ", Objects.Select(o => $"{o["kind"]}/{o["metadata"]?["name"]}"))}");

    /// <summary>Deployments and StatefulSets: everything that runs pods.</summary>
    public IEnumerable<JsonObject> Workloads =>
        Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet");
}
