namespace Chatt.Bench.Measure;

/// <summary>CPU used by the servers and by the generator itself between <see cref="Start"/> and <see cref="Stop"/>.</summary>
internal sealed class CpuMeter(IReadOnlyList<int> serverPids)
{
    private TimeSpan serversAtStart;
    private TimeSpan ownAtStart;
    private long startedAt;

    public TimeSpan Servers { get; private set; }

    public TimeSpan Generator { get; private set; }

    public TimeSpan Wall { get; private set; }

    public CpuMeter Start()
    {
        serversAtStart = ServersNow();
        ownAtStart = ProcStat.OwnCpuTime();
        startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        return this;
    }

    public void Stop()
    {
        Servers = ServersNow() - serversAtStart;
        Generator = ProcStat.OwnCpuTime() - ownAtStart;
        Wall = System.Diagnostics.Stopwatch.GetElapsedTime(startedAt);
    }

    /// <summary>Server CPU microseconds per event (delivery or acknowledged write): comparable across machines.</summary>
    public double ServerMicrosPer(long events) => events == 0 ? double.NaN : Servers.TotalMicroseconds / events;

    public string Describe(long events, string what) =>
        $"| server CPU per {what} (µs) | {ServerMicrosPer(events):F1} |\n" +
        $"| server CPU / generator CPU / wall (s) | {Servers.TotalSeconds:F1} / {Generator.TotalSeconds:F1} / {Wall.TotalSeconds:F1} " +
        $"(cores busy: server {Servers / Wall:F2}, generator {Generator / Wall:F2}) |";

    private TimeSpan ServersNow()
    {
        var total = TimeSpan.Zero;
        foreach (var pid in serverPids)
        {
            total += ProcStat.CpuTime(pid);
        }

        return total;
    }
}
