using System.Globalization;
using Chatt.Bench.Fleet;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// Two instances through NATS: the many-rooms run once on one ChatApi, then on two sharing a local nats-server (and
/// the SQLite file), sockets and posts split across both, so about half of all deliveries cross the bus. The cost of
/// crossing is the ratio of the two runs' latencies and CPU per delivery (goal ≤ 1.5×).
/// </summary>
internal static class TwoInstances
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(Func<int, Task<ServerFleet>> startFleet, Func<ServerFleet, ScenarioContext> contextFor)
    {
        ScenarioResult single, pair;
        await using (var one = await startFleet(1))
        {
            single = await ManyRooms.RunAsync(contextFor(one), "Two instances — baseline: the same rooms on one instance");
        }

        await using (var two = await startFleet(2))
        {
            pair = await ManyRooms.RunAsync(contextFor(two), "Two instances — through NATS: sockets and posts split over two instances");
        }

        string Ratio(string key) => (pair.Numbers[key] / single.Numbers[key]).ToString("F2", CultureInfo.InvariantCulture) + "×";
        pair.Row("two instances ÷ one: p50 / p99 latency", $"{Ratio("p50")} / {Ratio("p99")}")
            .Row("two instances ÷ one: server CPU per delivery", Ratio("cpu_per_delivery"));
        return [single, pair];
    }
}
