namespace Chatt.Bench.Measure;

/// <summary>The generator's monotonic clock: a post carries its send time, the receiver subtracts it.</summary>
internal static class Clock
{
    private static readonly long Origin = System.Diagnostics.Stopwatch.GetTimestamp();

    public static double NowMs() => System.Diagnostics.Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;

    public static string Stamp() => "t=" + NowMs().ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    public static double? ElapsedSinceStamp(string? content, double now) =>
        content is not null && content.StartsWith("t=", StringComparison.Ordinal)
        && double.TryParse(content.AsSpan(2, Math.Min(content.Length - 2, FirstSpace(content) - 2)), System.Globalization.CultureInfo.InvariantCulture, out var sent)
            ? now - sent
            : null;

    private static int FirstSpace(string content) => content.IndexOf(' ', StringComparison.Ordinal) is >= 0 and var i ? i : content.Length;
}
