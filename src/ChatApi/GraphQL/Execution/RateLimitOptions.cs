using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// The per-caller operation rate limit (<see cref="OperationRateLimiter"/>), bound from <c>GraphQL:RateLimit</c>.
/// The defaults are far above what the web client sends (a page load is a handful of operations; typing fast is a
/// message a second) and far below what one script can: 1,500 <c>createMessage</c> over one socket in 5 s is refused
/// after the first ~900.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "GraphQL:RateLimit";

    /// <summary>On by default; the benchmark turns it off (bench/run.sh), as a load generator is one caller sending on purpose.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Operations a caller may send at once after being quiet (the bucket's size).</summary>
    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 600;

    /// <summary>Operations per second a caller may keep sending (the bucket's refill rate).</summary>
    [Range(0.001, 10_000_000)]
    public double PerSecond { get; set; } = 60;
}
