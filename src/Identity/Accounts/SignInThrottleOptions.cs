using System.ComponentModel.DataAnnotations;

namespace Chatt.Identity.Accounts;

/// <summary>
/// <c>Identity:SignInThrottle</c>: how wrong passwords slow further attempts. Three rings, each bounded in time so
/// nobody can be locked out for good: one address guessing one account backs off exponentially up to
/// <see cref="MaxDelayPerAccountAndAddress"/>; one account guessed from many addresses waits at most
/// <see cref="MaxDelayPerAccount"/> between attempts (short, because its owner shares that wait); one address
/// spraying many accounts is refused for the rest of its <see cref="AddressWindow"/>.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Identity:SignInThrottle";

    /// <summary>Wrong passwords for one account from one address before any wait.</summary>
    [Range(1, 100)]
    public int FreeFailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxDelayPerAccountAndAddress { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords for one account from all addresses together before any wait.</summary>
    [Range(1, 10_000)]
    public int FreeFailuresPerAccount { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxDelayPerAccount { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wrong passwords from one address (any accounts) per <see cref="AddressWindow"/>.</summary>
    [Range(1, 100_000)]
    public int FailuresPerAddress { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A counter with no failure for this long starts again from zero.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ForgetAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Counters kept at most (memory bound); expired ones are dropped first, then the oldest.</summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedKeys { get; set; } = 100_000;
}
