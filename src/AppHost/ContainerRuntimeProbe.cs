using System.Diagnostics;

namespace Chatt.AppHost;

/// <summary>
/// Asks <c>docker info</c> / <c>podman info</c> whether a container engine is running. The client alone is not
/// enough: without a daemon <c>docker info</c> still prints its client section, but exits non-zero.
/// </summary>
public static class ContainerRuntimeProbe
{
    public static readonly IReadOnlyList<string> KnownRuntimes = ["docker", "podman"];

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The first runtime whose <c>info</c> exits 0 within <paramref name="timeout"/>, else null.</summary>
    public static string? FindRunning(IEnumerable<string> runtimes, TimeSpan timeout) =>
        runtimes.FirstOrDefault(runtime => Answers(runtime, timeout));

    private static bool Answers(string runtime, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(runtime, "info")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }
            // Drain both pipes so a chatty runtime cannot block on a full buffer before exiting.
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }
    }
}
