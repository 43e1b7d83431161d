using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Tests.Support;

/// <summary>
/// Mints HS256 tokens the API accepts through <c>Authentication:Schemes:Bearer:SigningKeys</c>, the way
/// <c>dotnet user-jwts</c> does: one random key per test host (or the target's key, for the bench), a fixed issuer
/// and audience.
/// </summary>
public sealed class TestTokens
{
    public const string DefaultIssuer = "chatt-tests";
    public const string DefaultAudience = "chatt-api";

    private readonly byte[] _key;
    private readonly JsonWebTokenHandler _handler = new();

    public TestTokens()
        : this(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
    {
    }

    /// <summary>Tokens signed with a known key (base64), as a deployment's <c>SigningKeys</c> list it.</summary>
    public TestTokens(string base64Key, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        _key = Convert.FromBase64String(base64Key);
        Issuer = issuer;
        Audience = audience;
    }

    public string Issuer { get; }

    public string Audience { get; }

    /// <summary>The configuration that makes the API trust these tokens.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(_key),
    };

    /// <summary>A token for user <paramref name="subject"/> (username = subject unless given), valid for an hour unless <paramref name="lifetime"/> says otherwise.</summary>
    public string For(string subject, string? username = null, TimeSpan? lifetime = null) =>
        Mint(subject, username ?? subject, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)), _key);

    /// <summary>A token signed with a key the API does not know.</summary>
    public string Forged(string subject) => Mint(subject, subject, DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(32));

    private string Mint(string subject, string username, DateTimeOffset expires, byte[] key)
    {
        var now = DateTimeOffset.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("preferred_username", username)]),
            IssuedAt = now.AddMinutes(-1).UtcDateTime,
            NotBefore = now.AddMinutes(-1).UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
