using System.Globalization;
using Chatt.Bench.Measure;

namespace Chatt.Bench.Scenarios;

/// <summary>
/// Soak: the many-rooms shape with steady traffic for <c>--soak-seconds</c>; the servers' RSS is sampled every second.
/// Warm-up is the first fifth of the run; "flat" means the largest RSS after warm-up is within 10% of the RSS at its end.
/// </summary>
internal static class Soak
{
    public static async Task<ScenarioResult> RunAsync(ScenarioContext context)
    {
        var duration = context.Options.SoakDuration;
        await using var rooms = await Rooms.PrepareAsync(context);
        var samples = new List<(TimeSpan At, long Rss)>();
        long Rss() => context.Fleet.ChatApiPids.Sum(ProcStat.RssBytes);
        var before = rooms.Deliveries.Unique;
        var meter = new CpuMeter(context.Fleet.ServerPids).Start();
        var load = await rooms.LoadAsync(duration, at => samples.Add((at, Rss())));
        meter.Stop();

        var warm = samples.Where(s => s.At >= duration / 5).ToList();
        var atWarm = warm.FirstOrDefault().Rss;
        var peak = warm.Count == 0 ? 0 : warm.Max(s => s.Rss);
        var end = samples.LastOrDefault().Rss;
        var growth = atWarm == 0 ? double.NaN : (peak - atWarm) * 100.0 / atWarm;
        var result = rooms.Result($"Soak: {rooms.Shape}, {context.Options.Rate} posts/s for {duration.TotalSeconds:F0} s", meter, before, load);
        result.Row("server RSS after warm-up / peak after / end (MB)", $"{atWarm / 1048576.0:F0} / {peak / 1048576.0:F0} / {end / 1048576.0:F0}")
            .Number("rss_growth_percent", growth, "RSS growth after warm-up (peak vs warm-up, %; target ≤ 10)")
            .Row("RSS every ~10 s (MB)", string.Join(", ", samples.Where((_, i) => i % 10 == 9).Select(s => (s.Rss / 1048576.0).ToString("F0", CultureInfo.InvariantCulture))));
        return result;
    }
}
