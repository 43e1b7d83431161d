using System.Text.RegularExpressions;
using Chatt.EndToEnd.Tests.Infrastructure;

namespace Chatt.EndToEnd.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed partial class BrowserTests(WebClientSystem system)
{
    // The scenario takes ~1 min on two idle cores and up to ~3 min on heavily shared ones (each of its waits is
    // bounded at 15 s); this only stops a hung browser from hanging the build.
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task The_browser_scenario_passes_against_the_real_gateway_identity_and_api()
    {
        Prerequisites.Require(Prerequisites.Node, Prerequisites.Browser, Prerequisites.BrowserScenarioPackages, Prerequisites.BuiltWebClient);
        ClearOldScreenshots();

        var run = await ChildProcess.RunAsync(
            "node", ["run.mjs", system.Gateway.BaseAddress.ToString()], Repository.WebE2E, ScenarioTimeout,
            new Dictionary<string, string> { ["SCREENSHOT_DIR"] = Repository.Screenshots, ["CHROMIUM_PATH"] = Prerequisites.Chromium });

        TestContext.Current.TestOutputHelper?.WriteLine(run.Output);

        // run.mjs ends with "N passed, N failed" and exits non-zero on any failure.
        var summary = Summary().Match(run.Output);
        Assert.True(run.ExitCode == 0 && summary.Success, $"run.mjs exited with {run.ExitCode}:\n{run.Output}");
        Assert.True(summary.Groups["failed"].Value == "0" && int.Parse(summary.Groups["passed"].Value) > 0, run.Output);
        Assert.DoesNotContain("FAIL", run.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Repository.Screenshots, "*.png"));
    }

    // Only this run's screenshots are left for CI to keep.
    private static void ClearOldScreenshots()
    {
        Directory.CreateDirectory(Repository.Screenshots);
        foreach (var file in Directory.GetFiles(Repository.Screenshots, "*.png"))
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed\s*\z", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
