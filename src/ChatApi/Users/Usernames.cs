using System.Text;

namespace Chatt.ChatApi.Users;

/// <summary>
/// What a username may be: 1–32 letters, digits and <c>. _ - @ +</c> (so an email address works), stored in NFKC
/// (fullwidth <c>ａ</c> is <c>a</c>). Uniqueness is by <see cref="Key"/>: case-folded and confusable-skeleton equal
/// names are one name (<c>alice</c>, <c>ALICE</c>, Cyrillic <c>аlice</c>, <c>ａｌｉｃｅ</c>); the stored spelling is the user's own.
/// <para>
/// Who gets a contested name: a name the identity provider asserts for an account (the token's
/// <c>preferred_username</c>, else name/email, at first sign-in) outranks a name someone merely chose with
/// <c>createUser</c>. When a new identity asks for a name that another account holds only by choice, that account
/// is renamed to a derived name (<c>alice-3f2a</c>) and the identity gets it; a name its holder's own provider
/// asserted is never taken away (the newcomer gets the derived name instead). Conversations belong to user ids,
/// so nobody's conversations change hands: from that sign-in on, "alice" is the person the provider calls alice.
/// </para>
/// </summary>
public static class Usernames
{
    public const int MaxLength = 32;

    /// <summary>The stored form of what someone typed: trimmed and NFKC-normalized; null when it is not
    /// well-formed UTF-16 (a lone surrogate), which no username may contain.</summary>
    public static string? Normalize(string? username)
    {
        if (username is null)
        {
            return null;
        }

        try
        {
            return username.Trim().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The uniqueness key of a valid username (<see cref="UsernameSkeleton"/>).</summary>
    public static string Key(string username) => UsernameSkeleton.Of(username);

    /// <summary>The keys to look names up by; strings that cannot be usernames match nobody.</summary>
    public static string[] KeysOf(IEnumerable<string> usernames) =>
        [.. usernames.Select(Normalize).OfType<string>().Select(Key).Distinct(StringComparer.Ordinal)];

    /// <summary>What a new account records as the key of the name its provider asked for (null when it asked for none).</summary>
    public static string? ProviderKey(string wanted) => string.IsNullOrWhiteSpace(wanted) ? null : Key(wanted);

    /// <summary>
    /// Whether a holder's name is theirs by their provider's word (so a newcomer cannot displace it): its key is the
    /// key of the name their provider asked for. Accounts from before this rule count as owning their names.
    /// </summary>
    public static bool IsProviderOwned(string usernameKey, string? providerUsernameKey) =>
        providerUsernameKey is null || providerUsernameKey == usernameKey;

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
        foreach (var c in Normalize(wanted) ?? "")
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
