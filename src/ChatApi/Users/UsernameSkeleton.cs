using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Chatt.ChatApi.Users;

/// <summary>
/// The key two usernames are compared by: equal keys mean "the same name" and only one account may hold it.
/// <c>fold(skeleton(fold(NFKC(name))))</c>, where fold is Unicode full case folding (CaseFolding.txt C+F) and
/// skeleton is UTS #39's (NFD, each character replaced by the prototype confusables.txt gives it, NFD again).
/// Folding first keeps "equal ignoring case" exact (so <c>ALICE</c> and <c>alice</c> agree although confusables.txt
/// maps capital I to l); folding again afterwards catches prototypes that are capitals (<c>0</c> → <c>O</c>), so
/// <c>b0b</c> collides with <c>bob</c>. Both stores compare this key (a stored column / field with a unique index),
/// so they agree on what is taken whatever their collations do. Tables: Data/README.md.
/// </summary>
public static class UsernameSkeleton
{
    private static readonly FrozenDictionary<int, string> Confusables = Load("confusables.tsv");
    private static readonly FrozenDictionary<int, string> CaseFolding = Load("casefolding.tsv");

    /// <summary>The key of a valid username (well-formed UTF-16; see <see cref="Usernames.Normalize"/>).</summary>
    public static string Of(string username)
    {
        var folded = Map(username.Normalize(NormalizationForm.FormKC), CaseFolding);
        var skeleton = Map(folded.Normalize(NormalizationForm.FormD), Confusables).Normalize(NormalizationForm.FormD);
        return Map(skeleton, CaseFolding).Normalize(NormalizationForm.FormD);
    }

    private static string Map(string text, FrozenDictionary<int, string> table)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (table.TryGetValue(rune.Value, out var replacement))
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static FrozenDictionary<int, string> Load(string name)
    {
        using var stream = typeof(UsernameSkeleton).Assembly.GetManifestResourceStream($"Chatt.ChatApi.Users.Data.{name}")
            ?? throw new InvalidOperationException($"The embedded table Users/Data/{name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var (source, target) = (line[..line.IndexOf('\t')], line[(line.IndexOf('\t') + 1)..]);
            table[int.Parse(source, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = string.Concat(
                target.Split(' ').Select(cp => char.ConvertFromUtf32(int.Parse(cp, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
        }

        return table.ToFrozenDictionary();
    }
}
