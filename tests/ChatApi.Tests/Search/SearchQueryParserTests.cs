using Chatt.ChatApi.Common;
using Chatt.ChatApi.Search;

namespace Chatt.ChatApi.Tests.Search;

public sealed class SearchQueryParserTests
{
    [Fact]
    public void Words_are_split_on_spaces_and_lose_the_punctuation_at_their_ends()
    {
        var query = SearchQueryParser.Parse("  deploy,  (prod)  e-mail! ");

        Assert.Equal([new SearchTerm("deploy", false), new SearchTerm("prod", false), new SearchTerm("e-mail", false)], query.Terms);
    }

    [Fact]
    public void A_quoted_run_is_one_phrase_even_when_unterminated()
    {
        var query = SearchQueryParser.Parse("\"pull  request,\" review \"ship it");

        Assert.Equal([new SearchTerm("pull request", true), new SearchTerm("review", false), new SearchTerm("ship it", true)], query.Terms);
    }

    [Fact]
    public void From_and_in_are_qualifiers_whatever_their_case_and_in_takes_a_quoted_name()
    {
        var query = SearchQueryParser.Parse("FROM:@alice in:\"team room\" budget from:bob In:c123");

        Assert.Equal(["alice", "bob"], query.From);
        Assert.Equal(["team room", "c123"], query.In);
        Assert.Equal([new SearchTerm("budget", false)], query.Terms);
    }

    [Fact]
    public void Other_words_with_a_colon_are_plain_words()
    {
        var query = SearchQueryParser.Parse("content:deploy from:");

        Assert.Equal([new SearchTerm("content:deploy", false), new SearchTerm("from", false)], query.Terms);
        Assert.Empty(query.From);
    }

    [Fact]
    public void Text_is_NFKC_normalized_and_repeated_terms_count_once()
    {
        var query = SearchQueryParser.Parse("ｄｅｐｌｏｙ deploy");

        Assert.Equal([new SearchTerm("deploy", false)], query.Terms);
    }

    [Fact]
    public void An_emoji_at_a_words_end_is_dropped_whole()
    {
        var query = SearchQueryParser.Parse("party🎉");

        Assert.Equal([new SearchTerm("party", false)], query.Terms);
    }

    [Fact]
    public void Words_of_three_characters_or_more_match_inside_words_shorter_ones_and_phrases_do_not()
    {
        var terms = SearchQueryParser.Parse("go dep \"big deal\" 하세요").Terms;

        Assert.Equal([false, true, false, true], terms.Select(t => t.MatchesInsideWords));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!. ,;-- ()")]
    [InlineData("\"\" \"...\"")]
    [InlineData("from:alice in:general")]
    [InlineData("🎉🎉🎉")]
    public void A_query_without_any_word_is_BAD_USER_INPUT(string text)
    {
        var error = Assert.Throws<ChatException>(() => SearchQueryParser.Parse(text));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Fact]
    public void A_query_over_the_length_limit_is_BAD_USER_INPUT()
    {
        var error = Assert.Throws<ChatException>(() => SearchQueryParser.Parse(new string('a', 10_000)));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        Assert.Contains(SearchQueryParser.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_with_too_many_terms_is_BAD_USER_INPUT()
    {
        var text = string.Join(' ', Enumerable.Range(0, SearchQueryParser.MaxTerms + 1).Select(i => $"w{i}"));

        Assert.Equal(ErrorCodes.BadUserInput, Assert.Throws<ChatException>(() => SearchQueryParser.Parse(text)).Code);
    }
}
