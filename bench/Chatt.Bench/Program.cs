using Chatt.Bench;

// Load generator for Chatt (bench/run.sh builds it and ChatApi, raises the open-files limit and calls this).
// Every loop is bounded in count and time; only loopback targets are accepted.
var options = BenchOptions.Parse(args);
Console.WriteLine($"# Chatt benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, scenarios {string.Join(", ", options.Scenarios)}");
Console.WriteLine();
var results = await BenchRunner.RunAsync(options, result => Console.Write(result.ToMarkdown()));
return results.All(r => (r.Lost == 0 && r.OutOfOrder == 0 && r.Duplicates == 0 && r.RevGaps == 0 && r.Failures == 0)) ? 0 : 1;
