using System.ComponentModel.DataAnnotations;

namespace Chatt.Gateway.Security;

/// <summary><c>RateLimits</c>: one fixed window per caller (the session's user, else the client IP) for each route group.</summary>
public sealed class RateLimitSettings
{
    public const string SectionName = "RateLimits";

    [Required]
    public RateLimitWindow GraphQL { get; set; } = new() { PermitLimit = 600 };

    [Required]
    public RateLimitWindow Auth { get; set; } = new() { PermitLimit = 60 };
}
