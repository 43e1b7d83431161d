using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// <c>Nats:*</c>, read only when <c>ConnectionStrings:nats</c> selects the NATS bus. Credentials may also be in
/// the URL (<c>nats://user:pass@host:4222</c>, <c>nats://token@host:4222</c>); the settings here win over the URL,
/// so a secret can be mounted on its own without rebuilding the connection string.
/// </summary>
public sealed class NatsBusOptions
{
    public const string Section = "Nats";

    /// <summary>
    /// The deployment's shared key for signing bus events (HMAC-SHA256, see <see cref="EventSigner"/>). Every
    /// instance of one deployment must have the same value; at least 32 characters. Required: an instance on
    /// NATS without it would accept whatever anyone with network access to NATS publishes.
    /// </summary>
    [Required(ErrorMessage = "Nats:SigningKey is required when ConnectionStrings:nats is set: every ChatApi instance of the deployment must share one secret of at least 32 characters.")]
    [MinLength(EventSigner.MinimumKeyLength, ErrorMessage = "Nats:SigningKey must be at least 32 characters.")]
    public string? SigningKey { get; set; }

    /// <summary>NATS user (with <see cref="Password"/>).</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>NATS token (instead of user and password).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Events kept while NATS cannot take them (connecting, outage), sent in order once it can. Past this the
    /// oldest are dropped (logged, counted): their conversations' newer events still go out and reveal the gap,
    /// which the feeds repair from the store by seq.
    /// </summary>
    [Range(1, 1_000_000)]
    public int OutboxCapacity { get; set; } = 10_000;
}
