using Chatt.Bench.Measure;

namespace Chatt.Bench.Scenarios;

/// <summary>Many rooms (see <see cref="Rooms"/>): delivered/s, p99, loss and order at <c>--rate</c> for <c>--seconds</c>.</summary>
internal static class ManyRooms
{
    public static async Task<ScenarioResult> RunAsync(ScenarioContext context, string? title = null)
    {
        await using var rooms = await Rooms.PrepareAsync(context);
        var before = rooms.Deliveries.Unique;
        var meter = new CpuMeter(context.Fleet.ServerPids).Start();
        var load = await rooms.LoadAsync(context.Options.Duration);
        meter.Stop();
        return rooms.Result(title ?? $"Many rooms: {rooms.Shape}, {context.Options.Rate} posts/s for {context.Options.Duration.TotalSeconds:F0} s",
            meter, before, load);
    }
}
