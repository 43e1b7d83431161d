using System.ComponentModel.DataAnnotations;
using Chatt.Identity.Accounts;
using Chatt.Identity.Clients;
using Chatt.Identity.Keys;

namespace Chatt.Identity;

/// <summary>The <c>Identity</c> configuration section: everything the provider reads from configuration.</summary>
public sealed class IdentityProviderOptions
{
    public const string Section = "Identity";

    /// <summary>The issuer written into tokens and discovery; when unset, the URL of the request.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The <c>aud</c> of every access token: the resource servers (ChatApi) accept this value.</summary>
    [Required]
    public string Audience { get; set; } = "chatt-api";

    /// <summary>Whether <c>/account/signup</c> is open. Unset: open in Development only.</summary>
    public bool? AllowSignUp { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a redeemed refresh token may still be used, for clients that refresh concurrently.
    /// Zero (the default) makes every refresh token single-use: replaying one revokes the whole chain.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>How long the provider's own sign-in cookie lasts (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Accounts created or updated at start; configuration stays their source of truth.</summary>
    public List<SeedAccount> Users { get; set; } = [];

    /// <summary>The registered client applications; clients not listed here are removed at start.</summary>
    public List<ClientRegistration> Clients { get; set; } = [];

    /// <summary>Signs tokens (published in the JWKS). Required outside Development.</summary>
    public KeySource? SigningKey { get; set; }

    /// <summary>Encrypts authorization codes and refresh tokens (never published). Required outside Development.</summary>
    public KeySource? EncryptionKey { get; set; }
}
