using Microsoft.Extensions.Configuration;

namespace Chatt.AppHost;

/// <summary>
/// The <c>Containers=auto|always|never</c> setting and what it decided. <c>auto</c> (the default) asks the
/// machine once whether a container runtime answers; <c>always</c> and <c>never</c> skip the probe. Decided
/// before any resource is added, because a container resource on a machine without a runtime never starts,
/// and everything that waits for it would wait forever.
/// </summary>
public sealed record ContainerMode(bool UseContainers, string Reason)
{
    public const string SettingName = "Containers";

    public static ContainerMode Decide(IConfiguration configuration) =>
        Decide(configuration[SettingName], () => ContainerRuntimeProbe.FindRunning(ContainerRuntimeProbe.KnownRuntimes, ContainerRuntimeProbe.DefaultTimeout));

    /// <param name="setting">The configured value; null or blank means <c>auto</c>.</param>
    /// <param name="findRuntime">Returns the name of a runtime that answered, or null. Called only for <c>auto</c>.</param>
    public static ContainerMode Decide(string? setting, Func<string?> findRuntime)
    {
        switch (string.IsNullOrWhiteSpace(setting) ? "auto" : setting.Trim().ToLowerInvariant())
        {
            case "always":
                return new(true, $"{SettingName}=always");
            case "never":
                return new(false, $"{SettingName}=never");
            case "auto":
                var runtime = findRuntime();
                return runtime is null
                    ? new(false, $"{SettingName}=auto and no container runtime answered ({string.Join(", ", ContainerRuntimeProbe.KnownRuntimes.Select(r => $"'{r} info'"))})")
                    : new(true, $"{SettingName}=auto and '{runtime} info' answered");
            default:
                throw new InvalidOperationException(
                    $"The setting '{SettingName}' must be auto, always or never; it is '{setting}'.");
        }
    }

    public string Name => UseContainers ? "containers" : "embedded";
}
