using System.Text;

namespace Chatt.ChatApi.Users;

/// <summary>
/// What a username may be: 1–32 letters, digits and <c>. _ - @ +</c> (so an email address works).
/// Uniqueness ignores case; the stored spelling is the user's own.
/// </summary>
public static class Usernames
{
    public const int MaxLength = 32;

    public static bool IsValid(string? username) =>
        !string.IsNullOrEmpty(username) && username.Length <= MaxLength && username.All(IsAllowed);

    /// <summary>Turns whatever a token offers ("Alice Smith") into a valid username ("Alice.Smith"), or "" if nothing is left.</summary>
    public static string Sanitize(string? wanted)
    {
        if (string.IsNullOrWhiteSpace(wanted))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(wanted.Length, MaxLength));
        foreach (var c in wanted.Trim())
        {
            if (builder.Length == MaxLength)
            {
                break;
            }

            if (IsAllowed(c))
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append('.');
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The username to try on provisioning attempt <paramref name="attempt"/> (0, 1, …): the wanted name itself first,
    /// then the name with a short random suffix — which finds a free name in one or two tries even when many share a
    /// stem — growing after a few misses so the search always ends. Every store uses this, so names look alike.
    /// </summary>
    public static string Candidate(string wanted, int attempt)
    {
        var stem = string.IsNullOrWhiteSpace(wanted) ? "user" : wanted.Trim();
        if (attempt == 0 && !string.IsNullOrWhiteSpace(wanted))
        {
            return stem;
        }

        var suffix = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..(attempt < 8 ? 4 : 8)];
        return stem[..Math.Min(stem.Length, MaxLength - suffix.Length - 1)] + "-" + suffix;
    }

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+';
}
