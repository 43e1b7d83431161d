using System.Globalization;

namespace Chatt.Bench.Measure;

/// <summary>
/// CPU time and resident memory of a process, read from /proc (Linux): <c>/proc/PID/stat</c> fields 14–15 (utime,
/// stime, in clock ticks of 1/100 s) and <c>VmRSS</c> of <c>/proc/PID/status</c>.
/// </summary>
internal static class ProcStat
{
    private const double TicksPerSecond = 100;

    public static TimeSpan CpuTime(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {pid}.");
    }

    public static TimeSpan OwnCpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
