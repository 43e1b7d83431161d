using System.ComponentModel.DataAnnotations;

namespace Chatt.Gateway.Security;

/// <summary><see cref="PermitLimit"/> requests per <see cref="Window"/>; the rest are answered 429 at once.</summary>
public sealed class RateLimitWindow
{
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
