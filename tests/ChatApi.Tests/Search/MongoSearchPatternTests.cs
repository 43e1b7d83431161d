using System.Text.RegularExpressions;
using Chatt.ChatApi.Search;
using Chatt.ChatApi.Storage.Mongo;

namespace Chatt.ChatApi.Tests.Search;

/// <summary>
/// The Mongo search's regex fallback, checked without a server: each term's pattern run with .NET's engine (the
/// constructs used — escapes, <c>\p{L}</c>, classes — mean the same in MongoDB's PCRE).
/// </summary>
public sealed class MongoSearchPatternTests
{
    [Theory]
    [InlineData("deploy", "We are REDEPLOYING", true)]
    [InlineData("ploy", "deployment", true)]
    [InlineData("go", "going home", true)]
    [InlineData("go", "long ago", false)]
    [InlineData("\"pull request\"", "the pull, request", true)]
    [InlineData("\"pull request\"", "request pull", false)]
    [InlineData("(de.*)", "de", true)]
    [InlineData("a.b", "axb", false)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("x[y]+z", "a x[y]+z b", true)]
    [InlineData("x[y]+z", "xyyz", false)]
    public void A_term_matches_as_literal_text_ignoring_case(string query, string content, bool matches)
    {
        var terms = SearchQueryParser.Parse(query).Terms;

        var all = terms.All(term =>
        {
            var regex = MongoChatStore.Pattern(term)["content"].AsBsonRegularExpression;
            Assert.Equal("i", regex.Options);
            return Regex.IsMatch(content, regex.Pattern, RegexOptions.IgnoreCase);
        });

        Assert.Equal(matches, all);
    }
}
