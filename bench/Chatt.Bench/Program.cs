using Chatt.Tests.Support;
using Chatt.Bench;

// Load generator for a running ChatApi (see bench/run.sh, which starts one on loopback and calls this).
// Every loop is bounded in count and time; only loopback targets are accepted.
var options = BenchOptions.Parse(args);
var tokens = new TestTokens(options.SigningKey, options.Issuer, options.Audience);
await using var api = new BenchApi(options.Url, tokens);

Console.WriteLine($"# Chatt benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, target {options.Url}");
Console.WriteLine();
if (SearchScenario.Requested(args))
{
    await SearchScenario.RunAsync(api, args);
    return;
}

await Scenarios.FanOutAsync(api, options);
await Scenarios.PostingAsync(api, options);
await Scenarios.PagingAsync(api, options);
