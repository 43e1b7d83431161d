using System.Globalization;
using System.Text;

namespace Chatt.ChatApi.Search;

/// <summary>
/// The excerpt shown for a hit: at most <see cref="MaxLength"/> characters of the message around its first match,
/// HTML-escaped, with <c>&lt;mark&gt;</c>…<c>&lt;/mark&gt;</c> around every match. Escaping comes first: the text
/// between marks is escaped piece by piece and the marks are the only markup ever added, so message content can never
/// open a tag. Matching is computed here (not by a store) so both stores give the same snippet: case- and
/// accent-insensitive, a word of 3+ characters anywhere, a shorter word or a phrase's word at a word start.
/// </summary>
public static class SearchSnippet
{
    public const int MaxLength = 200;
    private const int Lead = 60;

    public static string Build(string content, IReadOnlyList<SearchTerm> terms)
    {
        var (folded, origin) = Fold(content);
        var ranges = new List<(int Start, int End)>();
        foreach (var term in terms)
        {
            foreach (var word in term.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (needle, _) = Fold(word);
                if (needle.Length == 0)
                {
                    continue;
                }

                var anywhere = !term.IsPhrase && word.EnumerateRunes().Count() >= SearchQueryParser.MinPartialLength;
                for (var at = folded.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(needle, at + 1, StringComparison.Ordinal))
                {
                    if (anywhere || at == 0 || !char.IsLetterOrDigit(folded[at - 1]))
                    {
                        ranges.Add((origin[at], EndOf(content, origin, at + needle.Length)));
                    }
                }
            }
        }

        var merged = Merge(ranges);
        var (windowStart, windowEnd) = Window(content, merged);
        var html = new StringBuilder(windowEnd - windowStart + 32);
        if (windowStart > 0)
        {
            html.Append('…');
        }

        var position = windowStart;
        foreach (var (start, end) in merged)
        {
            var from = Math.Max(start, windowStart);
            var to = Math.Min(end, windowEnd);
            if (from >= to)
            {
                continue;
            }

            Escape(html, content, position, from);
            html.Append("<mark>");
            Escape(html, content, from, to);
            html.Append("</mark>");
            position = to;
        }

        Escape(html, content, position, windowEnd);
        if (windowEnd < content.Length)
        {
            html.Append('…');
        }

        return html.ToString();
    }

    /// <summary>
    /// Lower-cased, accents removed (NFKD, combining marks dropped), with the index in <paramref name="text"/> each
    /// folded char came from, so a match in the folded text maps back to the original characters.
    /// </summary>
    private static (string Folded, List<int> Origin) Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        var origin = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var unit = char.IsSurrogatePair(text, i) ? text.Substring(i, 2) : text[i].ToString();
            // Compatibility decomposition (so "ﬁ" is "fi" as in the NFKC query), except Hangul syllables: their jamo
            // would let a syllable match the start of another ("가" inside "각").
            var decomposed = unit[0] is >= '\uAC00' and <= '\uD7A3' ? unit : unit.Normalize(NormalizationForm.FormKD);
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    folded.Append(char.ToLowerInvariant(c));
                    origin.Add(i);
                }
            }
        }

        return (folded.ToString(), origin);
    }

    /// <summary>Where a match ending at folded index <paramref name="foldedEnd"/> ends in the original, taking the combining marks after it along.</summary>
    private static int EndOf(string content, List<int> origin, int foldedEnd)
    {
        var end = foldedEnd < origin.Count ? origin[foldedEnd] : content.Length;
        // The last matched folded char came from origin[foldedEnd - 1]; everything up to the next folded char's origin belongs to it.
        var last = origin[foldedEnd - 1];
        end = Math.Max(end, last + (char.IsSurrogatePair(content, last) ? 2 : 1));
        return end;
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> ranges)
    {
        ranges.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    /// <summary>The whole message when short, else <see cref="MaxLength"/> characters starting a little before the first match.</summary>
    private static (int Start, int End) Window(string content, List<(int Start, int End)> matches)
    {
        if (content.Length <= MaxLength)
        {
            return (0, content.Length);
        }

        var start = matches.Count == 0 ? 0 : Math.Max(0, matches[0].Start - Lead);
        start = Math.Min(start, content.Length - MaxLength);
        var end = start + MaxLength;
        // Never split a surrogate pair at either edge.
        if (start > 0 && char.IsLowSurrogate(content[start]))
        {
            start--;
        }

        if (end < content.Length && char.IsLowSurrogate(content[end]))
        {
            end++;
        }

        return (start, end);
    }

    private static void Escape(StringBuilder html, string content, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            switch (content[i])
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(content[i]); break;
            }
        }
    }
}
