namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>Whether a caller may run an operation now; if not, how long until it may (<see cref="RetryAfter"/>).</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);

    /// <summary>The wait in whole milliseconds, rounded up, as <c>extensions.retryAfterMs</c> carries it.</summary>
    public long RetryAfterMs => (long)Math.Ceiling(RetryAfter.TotalMilliseconds);
}
