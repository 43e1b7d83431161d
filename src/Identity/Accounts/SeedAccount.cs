namespace Chatt.Identity.Accounts;

/// <summary>An account from configuration (<c>Identity:Users:N</c>).</summary>
public sealed class SeedAccount
{
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>Shown as <c>name</c>; defaults to the username.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// The <c>sub</c> to issue. Unset: derived from the username, so the same seeded user keeps the same
    /// subject even when the database is recreated (resource servers key their users by it).
    /// </summary>
    public string? Id { get; set; }
}
