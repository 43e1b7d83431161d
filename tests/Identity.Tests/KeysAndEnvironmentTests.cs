using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.Identity.Tests;

public sealed class KeysAndEnvironmentTests
{
    [Fact]
    public async Task Outside_Development_a_missing_signing_key_stops_the_start_with_a_message_naming_the_setting()
    {
        await using var production = new IdentityFactory { EnvironmentName = "Production" };

        var failure = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("Identity:SigningKey is not configured", failure.ToString());
        Assert.Contains("Identity:EncryptionKey is not configured", failure.ToString());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Outside_Development_configured_PEM_keys_are_used_and_published_under_the_configured_issuer()
    {
        using var signing = RSA.Create(2048);
        using var encryption = RSA.Create(2048);
        await using var production = new IdentityFactory
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?>
            {
                ["Identity:Issuer"] = "https://id.example.test/",
                ["Identity:SigningKey:Pem"] = signing.ExportPkcs8PrivateKeyPem(),
                ["Identity:EncryptionKey:Pem"] = encryption.ExportPkcs8PrivateKeyPem(),
            },
        };
        using var client = production.CreateBrowser("https://localhost");

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));

        Assert.Equal("https://id.example.test/", discovery.RootElement.GetProperty("issuer").GetString());
        var published = Assert.Single(keys.Keys);
        Assert.Equal(Base64UrlEncoder.Encode(signing.ExportParameters(false).Modulus), published.N);
    }

    [Fact]
    public async Task A_signing_key_from_a_password_protected_PFX_file_is_published()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=chatt-identity-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"chatt-identity-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-password"), TestContext.Current.CancellationToken);
        try
        {
            using var encryption = RSA.Create(2048);
            await using var production = new IdentityFactory
            {
                EnvironmentName = "Production",
                Settings = new Dictionary<string, string?>
                {
                    ["Identity:SigningKey:Path"] = path,
                    ["Identity:SigningKey:Password"] = "pfx-password",
                    ["Identity:EncryptionKey:Pem"] = encryption.ExportPkcs8PrivateKeyPem(),
                },
            };
            using var client = production.CreateBrowser("https://localhost");

            var keys = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));

            Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), Assert.Single(keys.Keys).N);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Outside_Development_plain_http_requests_are_refused()
    {
        using var signing = RSA.Create(2048);
        await using var production = new IdentityFactory
        {
            EnvironmentName = "Production",
            Settings = new Dictionary<string, string?>
            {
                ["Identity:SigningKey:Pem"] = signing.ExportPkcs8PrivateKeyPem(),
                ["Identity:EncryptionKey:Pem"] = signing.ExportPkcs8PrivateKeyPem(),
            },
        };
        using var client = production.CreateBrowser("http://localhost");

        var discovery = await client.GetAsync("/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.BadRequest, discovery.StatusCode);
    }
}
