using System.Diagnostics;

namespace Chatt.Deploy.Tests;

/// <summary>
/// Finds the tools the chart tests need and runs them. helm is looked up in $CHATT_HELM,
/// then on PATH, then at .tools/helm/helm under the repository root (where install-tools.sh
/// puts it); node on PATH, with the validator's modules installed by .ci/install (npm ci in tests/Deploy.Tests/node).
/// </summary>
internal static class DeployTools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ChartDirectory => Path.Combine(RepoRoot, "helm", "chatt");

    public static string ValidatorDirectory => Path.Combine(RepoRoot, "tests", "Deploy.Tests", "node");

    public static string? HelmPath { get; } = FindHelm();

    public static string? NodePath { get; } = FindOnPath("node");

    /// <summary>Skips the calling test, with the reason, when helm cannot be found.</summary>
    public static string RequireHelm()
    {
        if (HelmPath is null)
        {
            Assert.Skip("helm not found: set CHATT_HELM, put helm on PATH, or run tests/Deploy.Tests/install-tools.sh (installs .tools/helm/helm)");
        }
        return HelmPath;
    }

    /// <summary>Skips the calling test, with the reason, when node or the validator's modules are missing.</summary>
    public static string RequireNodeValidator()
    {
        if (NodePath is null)
        {
            Assert.Skip("node not found on PATH: the offline Kubernetes schema validator runs on node");
        }
        if (!Directory.Exists(Path.Combine(ValidatorDirectory, "node_modules", "kubernetes-models")))
        {
            Assert.Skip("the validator's node modules are missing: run .ci/install (npm ci in tests/Deploy.Tests/node)");
        }
        return NodePath;
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string? standardInput = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // helm must not read or write the user's own repositories, plugins or cache.
        var helmHome = Path.Combine(Path.GetTempPath(), "chatt-deploy-tests-helm");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(helmHome, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(helmHome, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(helmHome, "data");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeout ?? Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout ?? Timeout}");
        }
        return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatt.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Chatt.sln above {AppContext.BaseDirectory}");
    }

    private static string? FindHelm()
    {
        var configured = Environment.GetEnvironmentVariable("CHATT_HELM");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        var local = Path.Combine(RepoRoot, ".tools", "helm", "helm");
        return FindOnPath("helm") ?? (File.Exists(local) ? local : null);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
