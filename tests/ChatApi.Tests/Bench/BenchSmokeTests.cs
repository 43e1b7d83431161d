extern alias ChattBench;

using ChattBench::Chatt.Bench;
using ChattBench::Chatt.Bench.Scenarios;

namespace Chatt.ChatApi.Tests.Bench;

/// <summary>
/// A few seconds of each benchmark scenario at small scale, through the load generator exactly as bench/run.sh runs
/// it (ChatApi processes it starts itself, nats-server for two instances): checks that nothing is lost, doubled or
/// reordered and that every socket stayed subscribed. Never speed — that is BENCHMARKS.md's, not a timed test's.
/// </summary>
public sealed class BenchSmokeTests
{
    [Theory]
    [InlineData("writes")]
    [InlineData("idle")]
    [InlineData("rooms")]
    [InlineData("nats")]
    [InlineData("soak")]
    public async Task A_short_run_of_the_scenario_loses_nothing_and_keeps_every_feed_in_order(string scenario)
    {
        var options = BenchOptions.Parse(
        [
            "--chatapi", ChatApiDll(), "--scenario", scenario,
            "--posters", "8", "--write-conversations", "8", "--write-seconds", "3",
            "--sockets", "200", "--idle-users", "20",
            "--conversations", "40", "--members", "5", "--users", "60", "--rate", "30", "--seconds", "4", "--soak-seconds", "5",
        ]);

        var results = await BenchRunner.RunAsync(options, _ => { }, TestContext.Current.CancellationToken);

        Assert.NotEmpty(results);
        Assert.All(results, result =>
        {
            Assert.True(result.Unavailable is null, $"{result.Title}: {result.Unavailable}");
            Assert.True(result.Expected > 0, $"{result.Title}: nothing was expected, so nothing was checked");
            Assert.Equal(result.Expected, result.Delivered);
            Assert.Equal((0L, 0L, 0L, 0L), (result.OutOfOrder, result.Duplicates, result.RevGaps, result.Failures));
        });
    }

    // ChatApi as built beside these tests (the project reference builds it in the same configuration).
    private static string ChatApiDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (output.Name, output.Parent!.Name);
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Chatt.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Chatt.sln not found above " + output.FullName),
            "src", "ChatApi", "bin", configuration, framework, "ChatApi.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("ChatApi is not built", dll);
    }
}
