using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Chatt.Bench.Load;
using Chatt.Bench.Measure;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// Idle sockets: <c>--sockets</c> connections (spread over 127.0.0.x past 20,000 per address), each authenticated and
/// subscribed (<c>--subscription</c>; <c>--idle-users</c> users, several devices each), then left alone. Memory per
/// socket is the server's RSS after minus before, divided by the sockets; with <c>--gcdump</c> (dotnet-gcdump) a heap
/// dump before and after (each forces a full GC, so both RSS readings follow one) gives the managed share and the
/// types that grew, per socket. Memory is read from the first ChatApi instance (run it with <c>--instances 1</c>).
/// </summary>
internal static partial class IdleSockets
{
    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var (api, options) = (context.Api, context.Options);
        var pid = context.Fleet.ChatApiPids.Count > 0 ? context.Fleet.ChatApiPids[0] : 0;
        var names = Enumerable.Range(0, Math.Min(options.IdleUsers, options.IdleSockets)).Select(i => $"i{context.Run}{i}").ToArray();
        var tokens = await api.ProvisionAsync(names);
        var deliveries = new Deliveries();

        // Warm the socket path (JIT, pools) with a few sockets that are closed again before the baseline.
        var warm = await ConnectAsync(context, tokens, 64, deliveries, offset: 0);
        await DisposeAllAsync(warm);
        await Task.Delay(2000);
        var heapBefore = await HeapAsync(options.GcDump, pid, "before");
        var rssBefore = pid == 0 ? 0 : ProcStat.RssBytes(pid);

        var meter = new CpuMeter(context.Fleet.ServerPids).Start();
        var clock = Stopwatch.StartNew();
        var sockets = await ConnectAsync(context, tokens, options.IdleSockets, deliveries, offset: 64);
        var connectSeconds = clock.Elapsed.TotalSeconds;
        try
        {
            // Idle: let connection setup garbage go and keep-alives tick once.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var heapAfter = await HeapAsync(options.GcDump, pid, "after");
            var rssAfter = pid == 0 ? 0 : ProcStat.RssBytes(pid);
            meter.Stop();
            var n = (double)sockets.Count;
            var result = new ScenarioResult($"Idle sockets: {sockets.Count} subscribed sockets (onInbox), {names.Length} users, 1 instance")
                .Row("connected and subscribed/s", $"{sockets.Count / connectSeconds:F0}")
                .Row("server RSS before / after (MB)", $"{rssBefore / 1048576.0:F1} / {rssAfter / 1048576.0:F1}")
                .Number("rss_per_socket_kb", (rssAfter - rssBefore) / n / 1024, "server RSS per socket (KB; target ≤ 16)")
                .Row("server CPU to connect and subscribe, per socket (µs)", $"{meter.ServerMicrosPer(sockets.Count):F0}")
                .Row("server CPU / generator CPU / wall (s)", DurableWrites.Cpu(meter));
            if (heapBefore is not null && heapAfter is not null)
            {
                result.Number("gc_heap_per_socket_kb", (heapAfter.Total - heapBefore.Total) / n / 1024, "managed heap (live objects after a full GC) per socket (KB)")
                    .Row("native and other per socket (KB): RSS − managed", $"{((rssAfter - rssBefore) - (heapAfter.Total - heapBefore.Total)) / n / 1024:F1}");
                foreach (var (type, bytes, count) in heapAfter.Growth(heapBefore).Take(12))
                {
                    result.Row($"per socket: `{type}`", $"{bytes / n:F0} B ({count / n:F2} objects)");
                }
            }
            else
            {
                result.Row("managed heap breakdown", "not taken (pass --gcdump PATH/dotnet-gcdump; bench/run.sh installs it)");
            }

            var open = sockets.Count(s => s.IsOpen);
            result.Expected = sockets.Count;
            result.Delivered = open;
            result.Failures = deliveries.Failures;
            result.FirstFailure = deliveries.FirstFailure;
            return result.Row("sockets still open at the end", $"{open}");
        }
        finally
        {
            await DisposeAllAsync(sockets);
        }
    }

    private static async Task<List<FeedSocket>> ConnectAsync(ScenarioContext context, string[] tokens, int count, Deliveries deliveries, int offset)
    {
        var sockets = new FeedSocket[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            sockets[i] = await FeedSocket.ConnectAsync(context.Api.WebSocketUri(0), context.Addresses.For(offset + i), tokens[i % tokens.Length],
                SubscriptionKind.OnInbox, [], deliveries));
        return [.. sockets];
    }

    private static async Task DisposeAllAsync(List<FeedSocket> sockets)
    {
        foreach (var chunk in sockets.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>A dotnet-gcdump of the process, reported by type (null without the tool or a process id).</summary>
    private static async Task<HeapReport?> HeapAsync(string? tool, int pid, string label)
    {
        if (tool is null || pid == 0)
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"chatt-bench-{pid}-{label}.gcdump");
        await RunAsync(tool, $"collect -p {pid} -o {file}");
        var report = await RunAsync(tool, $"report {file}");
        await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), report);
        File.Delete(file);
        return HeapReport.Parse(report);
    }

    private static async Task<string> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                            ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{file} {arguments} failed: {await process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>The type table of <c>dotnet-gcdump report</c>: bytes and object count per type.</summary>
    private sealed partial class HeapReport(Dictionary<string, (long Bytes, long Count)> types)
    {
        private Dictionary<string, (long Bytes, long Count)> Types { get; } = types;

        /// <summary>The report's own "GC Heap bytes" line: every live object after the dump's full GC.</summary>
        public long Total { get; private init; }

        public static HeapReport Parse(string report)
        {
            var types = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            long total = 0;
            foreach (var line in report.Split('\n'))
            {
                if (line.Trim().EndsWith("GC Heap bytes", StringComparison.Ordinal))
                {
                    total = long.Parse(line.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                }
                else if (Row().Match(line) is { Success: true } match)
                {
                    var type = match.Groups[3].Value.Trim();

                    // "Object Bytes" is the size of one object of the row; the row holds "Count" of them.
                    var count = long.Parse(match.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    var bytes = count * long.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    types[type] = types.TryGetValue(type, out var known) ? (known.Item1 + bytes, known.Item2 + count) : (bytes, count);
                }
            }

            return new HeapReport(types) { Total = total };
        }

        public IEnumerable<(string Type, long Bytes, long Count)> Growth(HeapReport before) =>
            Types.Select(t => (t.Key, t.Value.Bytes - (before.Types.TryGetValue(t.Key, out var b) ? b.Bytes : 0),
                    t.Value.Count - (before.Types.TryGetValue(t.Key, out var c) ? c.Count : 0)))
                .Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2);

        [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(\S.*)$")]
        private static partial Regex Row();
    }
}
