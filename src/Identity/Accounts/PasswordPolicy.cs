using System.Collections.Frozen;

namespace Chatt.Identity.Accounts;

/// <summary>
/// What a new password must be, for sign-up and for seeded accounts alike (NIST SP 800-63B's advice: length and a
/// blocklist, no composition rules): 8 to 128 characters, not one of the 10,000 most common passwords (Data/README.md),
/// and not the username itself. <see cref="Rules"/> is the text the sign-up page states.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static readonly IReadOnlyList<string> Rules =
    [
        $"{MinLength} to {MaxLength} characters",
        "not one of the 10,000 most common passwords",
        "not your username",
    ];

    private static readonly FrozenSet<string> Common = LoadCommon();

    /// <summary>Every rule the password breaks, as sentences for the form (empty when it is acceptable).</summary>
    public static IReadOnlyList<string> Problems(string? password, string? username)
    {
        if (password is not { Length: >= MinLength and <= MaxLength })
        {
            return [$"Use {MinLength} to {MaxLength} characters (this has {password?.Length ?? 0})."];
        }

        var problems = new List<string>();
        if (Common.Contains(password.ToLowerInvariant()))
        {
            problems.Add("This is one of the most common passwords, the first that attackers try. Choose another.");
        }

        if (!string.IsNullOrWhiteSpace(username) && string.Equals(password.Trim(), username.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The password must not be your username.");
        }

        return problems;
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Chatt.Identity.Accounts.Data.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list Accounts/Data/common-passwords.txt is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            passwords.Add(line);
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
