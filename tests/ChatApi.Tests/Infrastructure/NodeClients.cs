using System.Diagnostics;
using System.Text.Json;

namespace Chatt.ChatApi.Tests.Infrastructure;

/// <summary>
/// Runs the Node scripts under <c>tests/ChatApi.Tests/node</c> (real npm clients: graphql-http's audit suite,
/// graphql-ws, subscriptions-transport-ws) and parses the one JSON document each prints. Tests skip with
/// <see cref="MissingReason"/> when node or the packages (<c>npm ci</c> in that folder) are not there.
/// </summary>
public static class NodeClients
{
    private static readonly Lazy<(string? Directory, string? Missing)> Probe = new(Find);

    public static string? MissingReason => Probe.Value.Missing;

    public static async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Probe.Value.Directory!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 60 s.");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await stderr}\n{output}");
        }

        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static (string?, string?) Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "node", "package.json")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return (null, "tests/ChatApi.Tests/node was not found above the test binaries.");
        }

        var node = Path.Combine(directory.FullName, "node");
        if (!Directory.Exists(Path.Combine(node, "node_modules")))
        {
            return (null, $"The Node test clients are not installed: run 'npm ci' in {node}.");
        }

        try
        {
            using var version = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            version.WaitForExit(10_000);
            return version.ExitCode == 0 ? (node, null) : (null, "node --version failed.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "node is not on PATH.");
        }
    }
}
