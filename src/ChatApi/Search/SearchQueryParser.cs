using System.Globalization;
using System.Text;
using Chatt.ChatApi.Common;

namespace Chatt.ChatApi.Search;

/// <summary>
/// The search box's syntax, decided here once for every store: words separated by spaces (each one a prefix, and a
/// substring when it has 3 or more characters), <c>"quoted phrases"</c>, <c>from:username</c> (or <c>from:@username</c>)
/// and <c>in:conversation</c> (a name or an id; <c>in:"two words"</c>). Qualifier names ignore case. Punctuation at
/// either end of a word is dropped (<c>deploy,</c> is <c>deploy</c>); a word of only punctuation is no word. Terms never
/// reach a store as syntax: each store quotes them (FTS5 strings, escaped regular expressions).
/// A query over <see cref="MaxLength"/> characters, with more than <see cref="MaxTerms"/> terms, or without any word
/// is BAD_USER_INPUT.
/// </summary>
public static class SearchQueryParser
{
    public const int MaxLength = 500;
    public const int MaxTerms = 16;
    public const int MaxQualifierValues = 10;

    /// <summary>The trigram index finds substrings of at least this many characters; shorter words match word starts only.</summary>
    public const int MinPartialLength = 3;

    public static SearchQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChatException.BadInput("'query' must contain at least one word.");
        }

        if (text.Length > MaxLength)
        {
            throw ChatException.BadInput($"'query' must be at most {MaxLength} characters.");
        }

        var terms = new List<SearchTerm>();
        var from = new List<string>();
        var @in = new List<string>();
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var i = 0;
        while (NextToken(normalized, ref i) is { } token)
        {
            if (!token.Quoted && Qualifier(token.Text) is ({ } name, { } value))
            {
                var list = name == "from" ? from : @in;
                if (!list.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(value);
                }

                continue;
            }

            var words = token.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TrimPunctuation).Where(w => w.Length > 0).ToArray();
            if (words.Length == 0)
            {
                continue;
            }

            var term = new SearchTerm(string.Join(' ', words), token.Quoted);
            if (!terms.Contains(term))
            {
                terms.Add(term);
            }
        }

        if (terms.Count == 0)
        {
            throw ChatException.BadInput("'query' must contain at least one word (letters or digits), not only punctuation or qualifiers.");
        }

        if (terms.Count > MaxTerms || from.Count > MaxQualifierValues || @in.Count > MaxQualifierValues)
        {
            throw ChatException.BadInput($"'query' may hold at most {MaxTerms} words or phrases and {MaxQualifierValues} values of each qualifier.");
        }

        return new SearchQuery(terms, from, @in);
    }

    /// <summary>The next space-separated token, or a quoted run (to the closing quote, or the end). Control characters count as spaces.</summary>
    private static (string Text, bool Quoted)? NextToken(string text, ref int i)
    {
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length)
        {
            return null;
        }

        var token = new StringBuilder();
        var quoted = false;
        if (text[i] == '"')
        {
            quoted = true;
            i++;
            for (; i < text.Length && text[i] != '"'; i++)
            {
                token.Append(IsSpace(text[i]) ? ' ' : text[i]);
            }

            i++;
            return (token.ToString(), quoted);
        }

        for (; i < text.Length && !IsSpace(text[i]); i++)
        {
            if (text[i] == '"')
            {
                // A quote inside a word starts the value of a qualifier (in:"two words"); anywhere else it ends the word.
                if (token.Length > 0 && token[^1] == ':' && Qualifier(token + "x") is not null)
                {
                    var value = NextToken(text, ref i);
                    return (token + (value?.Text ?? ""), false);
                }

                break;
            }

            token.Append(text[i]);
        }

        return (token.ToString(), quoted);
    }

    private static (string Name, string Value)? Qualifier(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var name = token[..colon].ToLowerInvariant();
        if (name is not ("from" or "in"))
        {
            return null;
        }

        var value = token[(colon + 1)..].Trim();
        if (name == "from")
        {
            value = value.TrimStart('@');
        }

        return value.Length == 0 ? null : (name, value);
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    private static string TrimPunctuation(string word)
    {
        // By runes, so a symbol outside the BMP (an emoji) is dropped whole, never half a surrogate pair.
        var runes = word.EnumerateRunes().Where(r => r.Value != '"').ToArray();
        var start = 0;
        var end = runes.Length;
        while (start < end && !IsWordRune(runes[start]))
        {
            start++;
        }

        while (end > start && !IsWordRune(runes[end - 1]))
        {
            end--;
        }

        return string.Concat(runes[start..end].Select(r => r.ToString()));
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };
}
