namespace Chatt.Identity.Accounts;

/// <summary>A local account. <see cref="Id"/> is the <c>sub</c> of every token issued for it and never changes.</summary>
public sealed class Account
{
    public required string Id { get; init; }

    public required string Username { get; set; }

    public required string NormalizedUsername { get; set; }

    public required string DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
