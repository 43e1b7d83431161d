using System.Diagnostics;
using System.Text;

namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>A finished child process: its exit code and everything it wrote (stdout and stderr interleaved).</summary>
public sealed record ChildProcess(int ExitCode, string Output)
{
    /// <summary>
    /// Runs <paramref name="fileName"/> to completion, or kills its whole tree after <paramref name="timeout"/> and
    /// fails the test: a hung browser or npm must not hang the build.
    /// </summary>
    public static async Task<ChildProcess> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s and was killed. Output:\n{Text(output)}");
        }

        // The parameterless wait also drains the redirected streams.
        await process.WaitForExitAsync();
        return new ChildProcess(process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
