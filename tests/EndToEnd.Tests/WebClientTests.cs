using System.Text.Json;
using Chatt.EndToEnd.Tests.Infrastructure;

namespace Chatt.EndToEnd.Tests;

public sealed class WebClientTests
{
    private static readonly TimeSpan VitestTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_web_clients_unit_tests_pass()
    {
        Prerequisites.Require(Prerequisites.Node, Prerequisites.Npm, Prerequisites.WebClientPackages);
        var report = Path.Combine(Repository.Artifacts("vitest"), "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.Delete(report);

        var run = await ChildProcess.RunAsync(
            "npm", ["test", "--", "--reporter=default", "--reporter=json", $"--outputFile.json={report}"], Repository.Web, VitestTimeout,
            new Dictionary<string, string> { ["CI"] = "1", ["NO_COLOR"] = "1" });

        TestContext.Current.TestOutputHelper?.WriteLine(run.Output);
        Assert.True(File.Exists(report), $"vitest wrote no report (exit {run.ExitCode}):\n{run.Output}");
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var total = results.RootElement.GetProperty("numTotalTests").GetInt32();
        var passed = results.RootElement.GetProperty("numPassedTests").GetInt32();
        var failed = results.RootElement.GetProperty("numFailedTests").GetInt32();
        Assert.True(run.ExitCode == 0 && failed == 0 && total > 0 && passed == total,
            $"vitest: {passed} of {total} passed, {failed} failed (exit {run.ExitCode}):\n{run.Output}");
        TestContext.Current.TestOutputHelper?.WriteLine($"vitest: {passed} of {total} passed");
    }
}
