using System.Security.Cryptography;
using System.Text;
using Chatt.Identity.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chatt.Identity.Accounts;

/// <summary>Local accounts: lookup, password checks, sign-up and seeding. Passwords are stored only as hashes.</summary>
public sealed class AccountStore(IdentityStoreContext db, IPasswordHasher<Account> hasher, TimeProvider time)
{
    // Verifying against this when the username is unknown makes "no such user" cost the same time as
    // "wrong password", so response times do not reveal which usernames exist.
    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<Account>().HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    public Task<Account?> FindByIdAsync(string? id, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(id)
            ? Task.FromResult<Account?>(null)
            : db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<Account?> FindByUsernameAsync(string username, CancellationToken cancellationToken)
    {
        var normalized = AccountRules.Normalize(username);
        return db.Accounts.SingleOrDefaultAsync(a => a.NormalizedUsername == normalized, cancellationToken);
    }

    /// <summary>The account when the password is right; null for an unknown user or a wrong password alike.</summary>
    public async Task<Account?> CheckPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var account = AccountRules.IsValidUsername(username) ? await FindByUsernameAsync(username, cancellationToken) : null;
        if (account is null)
        {
            hasher.VerifyHashedPassword(null!, UnknownUserHash.Value, password);
            return null;
        }

        switch (hasher.VerifyHashedPassword(account, account.PasswordHash, password))
        {
            case PasswordVerificationResult.Success:
                return account;
            case PasswordVerificationResult.SuccessRehashNeeded:
                account.PasswordHash = hasher.HashPassword(account, password);
                await db.SaveChangesAsync(cancellationToken);
                return account;
            default:
                return null;
        }
    }

    /// <summary>Creates an account with a new random id; null when the username is taken.</summary>
    public async Task<Account?> CreateAsync(string username, string? displayName, string password, CancellationToken cancellationToken)
    {
        if (await FindByUsernameAsync(username, cancellationToken) is not null)
        {
            return null;
        }

        var account = NewAccount(Guid.NewGuid().ToString("N"), username, displayName, password);
        db.Accounts.Add(account);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race for the same username: the unique index decided.
            db.Entry(account).State = EntityState.Detached;
            return null;
        }

        return account;
    }

    /// <summary>Creates or updates a configured account; configuration wins over earlier runs.</summary>
    public async Task SeedAsync(SeedAccount seed, CancellationToken cancellationToken)
    {
        var account = await FindByUsernameAsync(seed.Username, cancellationToken);
        if (account is null)
        {
            db.Accounts.Add(NewAccount(seed.Id ?? DerivedId(seed.Username), seed.Username, seed.DisplayName, seed.Password));
        }
        else
        {
            account.DisplayName = string.IsNullOrWhiteSpace(seed.DisplayName) ? account.Username : seed.DisplayName.Trim();
            if (hasher.VerifyHashedPassword(account, account.PasswordHash, seed.Password) == PasswordVerificationResult.Failed)
            {
                account.PasswordHash = hasher.HashPassword(account, seed.Password);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private Account NewAccount(string id, string username, string? displayName, string password)
    {
        var account = new Account
        {
            Id = id,
            Username = username.Trim(),
            NormalizedUsername = AccountRules.Normalize(username),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? username.Trim() : displayName.Trim(),
            PasswordHash = "",
            CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        return account;
    }

    private static string DerivedId(string username)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("chatt-identity/seeded-user/" + AccountRules.Normalize(username)));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}
