namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>Paths in the repository these tests run from (found by walking up to <c>Chatt.sln</c>).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>src/Web: the web client's sources, its <c>node_modules</c> and its built <c>dist</c>.</summary>
    public static string Web => Path.Combine(Root, "src", "Web");

    public static string WebDist => Path.Combine(Web, "dist");

    /// <summary>tests/Web.E2E: the browser scenario (run.mjs) and its playwright-core.</summary>
    public static string WebE2E => Path.Combine(Root, "tests", "Web.E2E");

    /// <summary>Where the browser scenario leaves its screenshots (kept by CI as artifacts).</summary>
    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    public static string Artifacts(string name) => Path.Combine(Root, "artifacts", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chatt.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Chatt.sln above {AppContext.BaseDirectory}: the tests must run from the repository's build output.");
    }
}
