using System.Net;
using System.Text;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// Documents that would take GraphQL.NET's validation seconds (or its parser's stack) are counted in linear time
/// and refused in milliseconds with <c>DOCUMENT_TOO_LARGE</c>, naming the bound.
/// </summary>
public sealed class DocumentBoundsTests(ChatApiHost host, ITestOutputHelper output) : IClassFixture<ChatApiHost>
{
    private const long MiB = 1024 * 1024;

    private string Token => host.Tokens.For("bounds-user");

    [Fact]
    public async Task Fragments_that_double_at_every_level_are_refused_before_validation()
    {
        // F0 spreads F1 twice, … F23 spreads F24 twice: 2^24 fields once expanded, in under 1 KB.
        var document = new StringBuilder("query { me { ...F0 } }\n");
        for (var i = 0; i < 24; i++)
        {
            document.Append($"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}\n");
        }

        document.Append("fragment F24 on User { id }\n");

        var post = await MeasureAsync("24 doubling fragments", document.ToString());

        Assert.True(document.Length < 1024);
        AssertRefused(post, "expandedFields");
    }

    [Fact]
    public async Task Sixty_thousand_repeated_fields_are_refused_before_parsing()
    {
        var post = await MeasureAsync("60,000 repeated fields", "{ me { " + string.Concat(Enumerable.Repeat("id ", 60_000)) + "} }");

        AssertRefused(post, "tokens");
    }

    [Fact]
    public async Task Twenty_thousand_repeated_directives_are_refused_before_parsing()
    {
        var post = await MeasureAsync("20,000 repeated directives", "{ me { id" + string.Concat(Enumerable.Repeat(" @include(if: true)", 20_000)) + " } }");

        AssertRefused(post, "directives");
    }

    [Fact]
    public async Task A_selection_set_of_more_than_500_selections_is_refused()
    {
        var aliases = string.Concat(Enumerable.Range(0, 600).Select(i => $"a{i}: __typename "));

        var post = await MeasureAsync("600 selections in one set", "{ " + aliases + "}");

        AssertRefused(post, "selectionsPerSet");
    }

    [Fact]
    public async Task A_selection_deeper_than_the_parser_allows_is_a_400_with_a_coded_error_and_no_stack_trace()
    {
        var deep = Nested(200);

        var post = await MeasureAsync("selection 200 deep", deep);

        AssertRefused(post, "depth");
        Assert.DoesNotContain("   at ", post.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selection_deeper_than_the_parser_allows_gets_an_error_frame_and_the_socket_stays_open()
    {
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, Token);

        var deep = await socket.SubscribeAsync(Nested(200));
        var frame = await socket.NextFrameAsync(deep);
        var after = await socket.SubscribeAsync("{ me { id } }");
        var data = await socket.NextAsync(after);

        Assert.Equal("error", frame.GetProperty("type").GetString());
        var error = frame.GetProperty("payload")[0];
        Assert.Equal("DOCUMENT_TOO_LARGE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("depth", error.GetProperty("extensions").GetProperty("limit").GetString());
        Assert.True(data.GetProperty("me").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task A_document_within_every_bound_is_validated_and_run()
    {
        // 9 doubling levels (512 fields expanded), 20 directives, 400 selections in a set: all within the defaults.
        var document = new StringBuilder("query { me { ...F0 " + string.Concat(Enumerable.Range(0, 20).Select(i => $"d{i}: id @include(if: true) ")) + "} ");
        document.Append("list: listUsers(limit: 1) { items { " + string.Concat(Enumerable.Range(0, 380).Select(i => $"u{i}: id ")) + "} } }\n");
        for (var i = 0; i < 9; i++)
        {
            document.Append($"fragment F{i} on User {{ ...F{i + 1} ...F{i + 1} }}\n");
        }

        document.Append("fragment F9 on User { id }\n");

        var post = await MeasureAsync("a large document within the bounds", document.ToString());

        Assert.Equal(HttpStatusCode.OK, post.Status);
        Assert.True(post.HasData, post.Body.GetRawText());
    }

    private static string Nested(int depth) =>
        "{ " + string.Concat(Enumerable.Repeat("me { conversations { items { user { ", depth / 4)) + "id" + new string('}', depth) + " }";

    private async Task<GraphQLPost> MeasureAsync(string step, string query)
    {
        await GraphQLPost.SendAsync(host, Token, "{ me { id } }"); // warm: the first request of a host pays for start-up and JIT
        var (post, probe) = await ResourceProbe.MeasureAsync(step, () => GraphQLPost.SendAsync(host, Token, query));
        probe.WriteTo(output);
        output.WriteLine(post.Body.GetRawText().Length > 500 ? post.Body.GetRawText()[..500] : post.Body.GetRawText());
        Assert.True(probe.RssGrowth < 256 * MiB, $"RSS grew by {probe.RssGrowth / MiB} MiB");
        return post;
    }

    private static void AssertRefused(GraphQLPost post, string limit)
    {
        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal("DOCUMENT_TOO_LARGE", post.Code);
        Assert.Equal(limit, post.Extensions.GetProperty("limit").GetString());
        Assert.False(post.Body.TryGetProperty("data", out _));
    }
}
