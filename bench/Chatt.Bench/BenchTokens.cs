using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Bench;

/// <summary>Mints HS256 tokens the target accepts through its Authentication:Schemes:Bearer:SigningKeys.</summary>
internal sealed class BenchTokens(string base64Key, string issuer, string audience)
{
    private readonly SigningCredentials _credentials = new(new SymmetricSecurityKey(Convert.FromBase64String(base64Key)), SecurityAlgorithms.HmacSha256);
    private readonly JsonWebTokenHandler _handler = new();

    public string For(string name) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", "bench-" + name), new Claim("preferred_username", name)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = _credentials,
    });
}
