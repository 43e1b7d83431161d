namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What the browser and client tests need from the machine. Each check returns null when satisfied, else the
/// reason to skip (with the command that fixes it): a missing tool skips, it never passes empty.
/// </summary>
public static class Prerequisites
{
    public const string Chromium = "/usr/bin/chromium";

    public static string? Node() =>
        OnPath("node") is null ? "node is not on PATH (install Node 20)" : null;

    public static string? Npm() =>
        OnPath("npm") is null ? "npm is not on PATH (install Node 20 with npm)" : null;

    public static string? Browser() =>
        File.Exists(Chromium) ? null : $"{Chromium} is missing: apt-get install -y chromium (or run .ci/install)";

    public static string? WebClientPackages() =>
        Directory.Exists(Path.Combine(Repository.Web, "node_modules", "vitest"))
            ? null
            : "src/Web/node_modules is missing: run npm ci in src/Web (or .ci/install)";

    public static string? BuiltWebClient() =>
        File.Exists(Path.Combine(Repository.WebDist, "index.html"))
            ? null
            : "src/Web/dist is missing: run npm ci && npm run build in src/Web (or .ci/install)";

    public static string? BrowserScenarioPackages() =>
        Directory.Exists(Path.Combine(Repository.WebE2E, "node_modules", "playwright-core"))
            ? null
            : "tests/Web.E2E/node_modules is missing: run npm ci in tests/Web.E2E (or .ci/install)";

    /// <summary>Skips the running test with the first unmet prerequisite's reason.</summary>
    public static void Require(params Func<string?>[] checks)
    {
        foreach (var check in checks)
        {
            if (check() is { } reason)
            {
                Assert.Skip(reason);
            }
        }
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
