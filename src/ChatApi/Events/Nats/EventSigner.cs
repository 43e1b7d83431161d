using System.Security.Cryptography;
using System.Text;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// Signs and checks bus events with the deployment's shared key: HMAC-SHA256 over the subject and the payload,
/// sent in the <see cref="HeaderName"/> header as base64. The subject is part of what is signed, so a signed
/// event cannot be replayed onto another conversation; a replay on its own subject repeats a committed fact with
/// a seq the feeds already hold, which they drop as a duplicate. NATS credentials let a client reach the bus,
/// this key is what makes an event an instance's: a client that has the first but not the second is refused.
/// </summary>
public sealed class EventSigner
{
    public const string HeaderName = "Chatt-Sig";
    public const int MinimumKeyLength = 32;

    private readonly byte[] _key;

    public EventSigner(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A signing key has at least {MinimumKeyLength} characters.", nameof(key));
        }
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string Sign(string subject, ReadOnlySpan<byte> payload)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(subject, payload, mac);
        return Convert.ToBase64String(mac);
    }

    /// <summary>True when <paramref name="signature"/> is this deployment's signature of the subject and payload.</summary>
    public bool Verify(string subject, ReadOnlySpan<byte> payload, string? signature)
    {
        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (signature is null || !Convert.TryFromBase64String(signature, given, out var written) || written != given.Length)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(subject, payload, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private void Compute(string subject, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.UTF8.GetBytes(subject));
        // A separator that cannot occur in a subject keeps (subject, payload) pairs unambiguous.
        hmac.AppendData([0]);
        hmac.AppendData(payload);
        hmac.GetHashAndReset(destination);
    }
}
