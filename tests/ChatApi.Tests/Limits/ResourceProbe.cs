using System.Diagnostics;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// Runs a step and records what it cost the process: wall time, and the resident set before, after and at its
/// highest (sampled every 5 ms). The tests write these to their output and assert only that memory stays bounded:
/// timings on a shared 2-core machine are reported, not asserted.
/// </summary>
internal sealed record ResourceProbe(string Step, TimeSpan Elapsed, long RssBefore, long RssPeak, long RssAfter)
{
    private const long MiB = 1024 * 1024;

    /// <summary>How far the resident set rose above where it started, at its highest.</summary>
    public long RssGrowth => RssPeak - RssBefore;

    public static async Task<(T Result, ResourceProbe Probe)> MeasureAsync<T>(string step, Func<Task<T>> run)
    {
        using var process = Process.GetCurrentProcess();
        var before = Rss(process);
        var peak = before;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var sampled = Process.GetCurrentProcess();
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(sampled));
                try
                {
                    await Task.Delay(5, done.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var clock = Stopwatch.StartNew();
        var result = await run();
        clock.Stop();
        await done.CancelAsync();
        await sampler;
        var after = Rss(process);
        return (result, new ResourceProbe(step, clock.Elapsed, before, Math.Max(peak, after), after));
    }

    public void WriteTo(ITestOutputHelper output) =>
        output.WriteLine($"{Step}: {Elapsed.TotalMilliseconds:0.0} ms; RSS {RssBefore / MiB} MiB before, {RssPeak / MiB} MiB peak, {RssAfter / MiB} MiB after (+{RssGrowth / MiB} MiB)");

    private static long Rss(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }
}
