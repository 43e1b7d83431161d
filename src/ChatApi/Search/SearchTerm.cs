namespace Chatt.ChatApi.Search;

/// <summary>
/// One thing a message must contain to match: a word (matched as a prefix of a word, or anywhere inside words when
/// it has at least <see cref="SearchQueryParser.MinPartialLength"/> characters) or a quoted phrase (its words in
/// order). <see cref="Text"/> is NFKC-normalized, holds no double quote, and a word holds no whitespace; case and
/// accents are left as typed (the stores ignore both).
/// </summary>
public sealed record SearchTerm(string Text, bool IsPhrase)
{
    /// <summary>Length in Unicode scalar values, which is what the trigram index counts.</summary>
    public int Length => Text.EnumerateRunes().Count();

    /// <summary>Matched anywhere inside words (a substring), not only at a word's start.</summary>
    public bool MatchesInsideWords => !IsPhrase && Length >= SearchQueryParser.MinPartialLength;
}
