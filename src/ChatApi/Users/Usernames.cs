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

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+';
}
