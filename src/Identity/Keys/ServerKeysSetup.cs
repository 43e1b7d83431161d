using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Chatt.Identity.Keys;

/// <summary>
/// Gives OpenIddict its signing and encryption keys: the configured ones when set (any environment), else
/// ephemeral keys in Development. Ephemeral rather than OpenIddict's development certificates: nothing is
/// written to the user's profile, and a restart merely signs everyone out (the gateway starts a new sign-in).
/// Outside Development, missing keys are refused at start by <see cref="IdentityProviderOptionsValidator"/>.
/// </summary>
internal sealed class ServerKeysSetup(IOptions<IdentityProviderOptions> options, IHostEnvironment environment)
    : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions server)
    {
        var settings = options.Value;

        var signingKey = settings.SigningKey is { IsConfigured: true } signing
            ? Load(signing, "Identity:SigningKey")
            : Ephemeral("Identity:SigningKey");
        server.SigningCredentials.Add(new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256));

        var encryptionKey = settings.EncryptionKey is { IsConfigured: true } encryption
            ? Load(encryption, "Identity:EncryptionKey")
            : Ephemeral("Identity:EncryptionKey");
        server.EncryptionCredentials.Add(
            new EncryptingCredentials(encryptionKey, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey Ephemeral(string setting)
    {
        if (!environment.IsDevelopment())
        {
            // The validator refuses this at start; this guards against a host that skipped validation.
            throw new InvalidOperationException($"{setting} is not configured, and ephemeral keys are only used in Development.");
        }

        return WithKeyId(new RsaSecurityKey(RSA.Create(2048)));
    }

    private static SecurityKey Load(KeySource source, string setting)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(source.Pem))
            {
                return FromPem(source.Pem, source.Password);
            }

            var path = source.Path!;
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                return FromPem(text, source.Password);
            }

            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, source.Password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException("the certificate has no RSA private key");
            }

            return new X509SecurityKey(certificate);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} could not be loaded: {exception.Message}", exception);
        }
    }

    private static RsaSecurityKey FromPem(string pem, string? password)
    {
        var rsa = RSA.Create();
        if (string.IsNullOrEmpty(password))
        {
            rsa.ImportFromPem(pem);
        }
        else
        {
            rsa.ImportFromEncryptedPem(pem, password);
        }

        return WithKeyId(new RsaSecurityKey(rsa));
    }

    // A stable kid (the RFC 7638 thumbprint) lets resource servers pick the right key from the JWKS.
    private static RsaSecurityKey WithKeyId(RsaSecurityKey key)
    {
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
