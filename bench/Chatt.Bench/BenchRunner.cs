using Chatt.Bench.Fleet;
using Chatt.Bench.Load;
using Chatt.Bench.Scenarios;
using Chatt.Tests.Support;

namespace Chatt.Bench;

/// <summary>
/// Runs the chosen scenarios, each on a fresh set of servers when the generator starts them (so one scenario's
/// memory or data never weighs on the next), and reports each result as it finishes.
/// </summary>
internal static class BenchRunner
{
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options, Action<ScenarioResult> report, CancellationToken cancellationToken = default)
    {
        var results = new List<ScenarioResult>();
        using var addresses = new SourceAddresses();

        async Task<ServerFleet> StartFleet(int instances) => options.ChatApiDll is { } dll
            ? await ServerFleet.StartAsync(dll, instances, cancellationToken)
            : ServerFleet.External(options.Url!, options.SigningKey!, options.ServerPid is { } pid ? [pid] : []);

        ScenarioContext ContextFor(ServerFleet fleet) =>
            new(fleet, new BenchApi(fleet.Urls, new TestTokens(fleet.SigningKey, BenchTokens.Issuer, BenchTokens.Audience)), options, addresses);

        foreach (var scenario in options.Scenarios)
        {
            IReadOnlyList<ScenarioResult> produced;
            try
            {
                produced = await RunOneAsync(scenario);
            }
            catch (Exception e) when (e is not ArgumentException)
            {
                // Reported, not thrown: the other scenarios still run (e.g. onConversationEvent on a server without it).
                produced = [new ScenarioResult($"{scenario}: failed") { Unavailable = e.Message.ReplaceLineEndings(" "), Failures = 1, FirstFailure = e.Message }];
            }

            foreach (var result in produced)
            {
                report(result);
                results.Add(result);
            }
        }

        return results;

        async Task<IReadOnlyList<ScenarioResult>> RunOneAsync(string scenario)
        {
            IReadOnlyList<ScenarioResult> produced;
            if (scenario == "nats")
            {
                produced = options.ChatApiDll is null
                    ? [new ScenarioResult("Two instances through NATS") { Unavailable = "needs --chatapi: the generator starts both instances and nats-server itself." }]
                    : await TwoInstances.RunAsync(StartFleet, ContextFor);
            }
            else
            {
                await using var fleet = await StartFleet(scenario == "idle" ? 1 : options.Instances);
                var context = ContextFor(fleet);
                await using var _ = context.Api;
                produced = scenario switch
                {
                    "writes" => [await DurableWrites.RunAsync(context)],
                    "idle" => [await IdleSockets.RunAsync(context)],
                    "rooms" => [await ManyRooms.RunAsync(context)],
                    "soak" => [await Soak.RunAsync(context)],
                    // The first scenarios print their own tables.
                    "fanout" => await Classic(() => ClassicScenarios.FanOutAsync(context.Api, options), () => ClassicScenarios.PostingAsync(context.Api, options)),
                    "paging" => await Classic(() => ClassicScenarios.PagingAsync(context.Api, options)),
                    _ => throw new ArgumentException($"Unknown scenario '{scenario}': writes, idle, rooms, nats, soak, fanout, paging or all."),
                };
            }

            return produced;
        }
    }

    private static async Task<IReadOnlyList<ScenarioResult>> Classic(params Func<Task>[] runs)
    {
        foreach (var run in runs)
        {
            await run();
        }

        return [];
    }
}
