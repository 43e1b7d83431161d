using Chatt.Identity.Accounts;
using Microsoft.Extensions.Options;

namespace Chatt.Identity;

/// <summary>
/// Checks what data annotations cannot: the keys outside Development, and each seeded user and client.
/// Runs at start (<c>ValidateOnStart</c>), so a wrong setting stops the service with its name.
/// </summary>
internal sealed class IdentityProviderOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityProviderOptions options)
    {
        var failures = new List<string>();

        if (!environment.IsDevelopment())
        {
            if (options.SigningKey is not { IsConfigured: true })
            {
                failures.Add(
                    "Identity:SigningKey is not configured. Outside Development the identity provider needs its own keys: " +
                    "set Identity:SigningKey:Path (a .pfx with Identity:SigningKey:Password, or a PEM file) or Identity:SigningKey:Pem (PEM text).");
            }

            if (options.EncryptionKey is not { IsConfigured: true })
            {
                failures.Add(
                    "Identity:EncryptionKey is not configured. Outside Development the identity provider needs its own keys: " +
                    "set Identity:EncryptionKey:Path (a .pfx with Identity:EncryptionKey:Password, or a PEM file) or Identity:EncryptionKey:Pem (PEM text).");
            }
        }

        if (options.Issuer is { IsAbsoluteUri: false })
        {
            failures.Add("Identity:Issuer must be an absolute URL, e.g. https://id.example.com/.");
        }

        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (!AccountRules.IsValidUsername(user.Username))
            {
                failures.Add($"Identity:Users:{i}:Username is missing or invalid ({AccountRules.UsernameRule}).");
            }

            if (PasswordPolicy.Problems(user.Password, user.Username) is [var problem, ..])
            {
                failures.Add($"Identity:Users:{i}:Password is missing or invalid ({string.Join(", ", PasswordPolicy.Rules)}): {problem}");
            }
        }

        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                failures.Add($"Identity:Clients:{i}:ClientId is missing.");
            }

            if (client.RedirectUris.Count == 0)
            {
                failures.Add($"Identity:Clients:{i}:RedirectUris is empty: a client of the authorization code flow needs at least one.");
            }

            if (client.RedirectUris.Concat(client.PostLogoutRedirectUris).Any(uri => !uri.IsAbsoluteUri))
            {
                failures.Add($"Identity:Clients:{i}: redirect URIs must be absolute URLs.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
