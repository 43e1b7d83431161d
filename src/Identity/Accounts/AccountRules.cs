using System.Text.RegularExpressions;

namespace Chatt.Identity.Accounts;

/// <summary>What makes a username acceptable, for sign-up and for seeded accounts alike (passwords: <see cref="PasswordPolicy"/>).</summary>
public static partial class AccountRules
{
    public const string UsernameRule = "3 to 32 characters: letters, digits, '.', '_' or '-'";

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    /// <summary>Usernames are unique regardless of case: "Alice" and "alice" are one account.</summary>
    public static string Normalize(string username) => username.Trim().ToUpperInvariant();

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex UsernamePattern();
}
