using Chatt.Bench.Fleet;
using Chatt.Bench.Load;

namespace Chatt.Bench.Scenarios;

/// <summary>What a scenario runs against: the servers, HTTP access to them, the options, the source addresses.</summary>
internal sealed record ScenarioContext(ServerFleet Fleet, BenchApi Api, BenchOptions Options, SourceAddresses Addresses)
{
    /// <summary>A short random prefix so names of one run never meet another run's on a reused target.</summary>
    public string Run { get; } = Guid.NewGuid().ToString("N")[..6];
}
