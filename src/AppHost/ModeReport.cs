namespace Chatt.AppHost;

/// <summary>
/// Says which mode was chosen and what it means, once on the console and as a row in the dashboard (a
/// resource named <c>mode</c> whose state is the mode and whose properties list the choices).
/// </summary>
internal static class ModeReport
{
    public static void AddModeReport(this IDistributedApplicationBuilder builder, ContainerMode mode,
        params (string Component, string Choice)[] choices)
    {
        Console.WriteLine($"Chatt mode: {mode.Name} ({mode.Reason})");
        foreach (var (component, choice) in choices)
        {
            Console.WriteLine($"  {component,-9} {choice}");
        }

        builder.AddResource(new ModeResource("mode"))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Chatt mode",
                State = new ResourceStateSnapshot(mode.Name, KnownResourceStateStyles.Info),
                Properties = [new("chatt.reason", mode.Reason), .. choices.Select(c => new ResourcePropertySnapshot($"chatt.{c.Component.ToLowerInvariant()}", c.Choice))],
            })
            .ExcludeFromManifest();
    }
}

internal sealed class ModeResource(string name) : Resource(name);
