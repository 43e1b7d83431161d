using System.ComponentModel.DataAnnotations;

namespace Chatt.Gateway.Auth;

/// <summary>The browser session (<c>Gateway:Session</c>): the encrypted cookie that holds the tokens.</summary>
public sealed class SessionSettings
{
    public const string SectionName = "Gateway:Session";

    public string CookieName { get; set; } = "chatt.session";

    /// <summary>Sliding lifetime of the cookie; the provider's refresh token lifetime bounds it too.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The folder of revoked sessions (<see cref="RevokedSessions"/>), shared by every replica and kept across
    /// restarts. Empty: <c>revocations</c> inside <c>DataProtection:KeysPath</c>; neither set: memory only.
    /// </summary>
    public string? RevocationsPath { get; set; }
}
