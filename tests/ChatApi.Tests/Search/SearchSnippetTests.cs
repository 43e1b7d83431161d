using Chatt.ChatApi.Search;

namespace Chatt.ChatApi.Tests.Search;

public sealed class SearchSnippetTests
{
    private static string Snippet(string content, string query) => SearchSnippet.Build(content, SearchQueryParser.Parse(query).Terms);

    [Fact]
    public void Matches_are_marked_ignoring_case_and_accents_and_keep_the_messages_own_spelling()
    {
        Assert.Equal("Meet at the <mark>Café</mark> for the <mark>Deploy</mark>ment", Snippet("Meet at the Café for the Deployment", "cafe deploy"));
    }

    [Fact]
    public void Content_is_escaped_before_it_is_marked_so_it_can_never_open_a_tag()
    {
        var snippet = Snippet("<script>alert('x')</script> & \"deploy\"", "script deploy");

        Assert.Equal("&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; &amp; &quot;<mark>deploy</mark>&quot;", snippet);
    }

    [Fact]
    public void A_search_for_markup_marks_the_escaped_text_only()
    {
        Assert.Equal("a &lt;<mark>mark</mark>&gt; b", Snippet("a <mark> b", "mark"));
    }

    [Fact]
    public void Partial_words_in_scripts_without_spaces_are_marked()
    {
        Assert.Equal("東京<mark>タワー</mark>に行きました", Snippet("東京タワーに行きました", "タワー"));
        Assert.Equal("안녕<mark>하세요</mark> 여러분", Snippet("안녕하세요 여러분", "하세요"));
    }

    [Fact]
    public void A_short_word_is_marked_only_where_a_word_starts()
    {
        Assert.Equal("<mark>go</mark>ing ago", Snippet("going ago", "go"));
    }

    [Fact]
    public void Overlapping_matches_become_one_mark()
    {
        Assert.Equal("<mark>deployment</mark>", Snippet("deployment", "deploy ployment"));
    }

    [Fact]
    public void A_long_message_is_cut_around_its_first_match()
    {
        var content = new string('x', 500) + " the deploy word " + new string('y', 500);

        var snippet = Snippet(content, "deploy");

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>deploy</mark>", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= SearchSnippet.MaxLength + 2 + "<mark></mark>".Length);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var content = string.Concat(Enumerable.Repeat("😀", 200)) + " deploy " + string.Concat(Enumerable.Repeat("😀", 200));

        var snippet = Snippet(content, "deploy").Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);

        Assert.DoesNotContain(snippet.Select((c, i) => (c, i)), p => char.IsSurrogate(p.c) && !char.IsSurrogatePair(snippet, p.i) && !(p.i > 0 && char.IsSurrogatePair(snippet, p.i - 1)));
    }
}
