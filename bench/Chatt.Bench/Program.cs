using Chatt.Bench;

// Load generator for Chatt (bench/run.sh builds it and ChatApi, raises the open-files limit and calls this).
// Every loop is bounded in count and time; only loopback targets are accepted.
if (SearchScenario.Requested(args))
{
    // Search runs against a server bench/search.sh started on a SQLite file it names (the scenario seeds that file).
    string Arg(string name) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault()
        ?? throw new ArgumentException($"--{name} is required with --search (bench/search.sh passes it).");
    var tokens = new Chatt.Tests.Support.TestTokens(Arg("signing-key"), Chatt.Bench.Fleet.BenchTokens.Issuer, Chatt.Bench.Fleet.BenchTokens.Audience);
    await using var api = new BenchApi([new Uri(Arg("url"))], tokens);
    await SearchScenario.RunAsync(api, args);
    return 0;
}

var options = BenchOptions.Parse(args);
Console.WriteLine($"# Chatt benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, scenarios {string.Join(", ", options.Scenarios)}");
Console.WriteLine();
var results = await BenchRunner.RunAsync(options, result => Console.Write(result.ToMarkdown()));
return results.All(r => (r.Lost == 0 && r.OutOfOrder == 0 && r.Duplicates == 0 && r.RevGaps == 0 && r.Failures == 0)) ? 0 : 1;
