using Chatt.Identity.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Chatt.Identity.Storage;

/// <summary>
/// The provider's one database: local accounts beside OpenIddict's applications, authorizations, scopes and
/// tokens (mapped by <c>UseOpenIddict()</c> on the options).
/// </summary>
public sealed class IdentityStoreContext(DbContextOptions<IdentityStoreContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        modelBuilder.Entity<Account>(account =>
        {
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(64);
            account.Property(a => a.Username).HasMaxLength(32);
            account.Property(a => a.NormalizedUsername).HasMaxLength(32);
            account.HasIndex(a => a.NormalizedUsername).IsUnique();
            account.Property(a => a.DisplayName).HasMaxLength(64);
            // SQLite cannot order or compare DateTimeOffset; accounts are never queried by it, but keep it portable.
            account.Property(a => a.CreatedAt).HasConversion(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));
        });
    }
}
