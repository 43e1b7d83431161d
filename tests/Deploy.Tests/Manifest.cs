using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>Small readers over rendered objects, so tests say what they check, not how to dig.</summary>
internal static class Manifest
{
    public static JsonObject PodSpec(JsonObject workload) =>
        workload["spec"]!["template"]!["spec"]!.AsObject();

    public static IEnumerable<JsonObject> Containers(JsonObject workload) =>
        PodSpec(workload)["containers"]!.AsArray().Select(c => c!.AsObject());

    public static JsonObject Container(JsonObject workload, string name) =>
        Containers(workload).Single(c => (string?)c["name"] == name);

    public static JsonObject Env(JsonObject container, string name) =>
        container["env"]!.AsArray().Select(e => e!.AsObject()).SingleOrDefault(e => (string?)e["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"container {container["name"]} has no env {name}");

    public static bool HasEnv(JsonObject container, string name) =>
        container["env"]?.AsArray().Any(e => (string?)e?["name"] == name) ?? false;

    /// <summary>(secret name, key) of an env var set from a Secret.</summary>
    public static (string? Secret, string? Key) SecretRef(JsonObject container, string name)
    {
        var reference = Env(container, name)["valueFrom"]?["secretKeyRef"];
        return ((string?)reference?["name"], (string?)reference?["key"]);
    }

    public static string? Component(JsonObject labelsOrSelector) =>
        (string?)labelsOrSelector["app.kubernetes.io/component"];
}
