using System.Net;
using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// The cost budget counts every field once per time it would be resolved: a field inside a page costs the page's
/// size, and pages nested in pages multiply, so list amplification is refused before anything runs.
/// </summary>
public sealed class CostBudgetTests(ChatApiHost host, ITestOutputHelper output) : IClassFixture<ChatApiHost>
{
    private const long MiB = 1024 * 1024;

    private const string NestedPages = """
        query($id: ID!) {
          getConvo(id: $id) {
            messages(limit: 1000) { items { id content conversation { messages(limit: 1000) { items { id content author { username } } } } } }
          }
        }
        """;

    private string Token => host.Tokens.For("cost-user");

    [Fact]
    public async Task A_page_of_1000_nested_in_a_page_of_1000_is_refused_before_execution_with_its_cost()
    {
        await GraphQLPost.SendAsync(host, Token, "{ me { id } }"); // warm: the first request of a host pays for start-up and JIT
        var (post, probe) = await ResourceProbe.MeasureAsync("nested pages of 1000", () =>
            GraphQLPost.SendAsync(host, Token, NestedPages, new { id = "any" }));
        probe.WriteTo(output);
        output.WriteLine(post.FirstError.GetRawText());

        Assert.Equal(HttpStatusCode.BadRequest, post.Status);
        Assert.Equal("COMPLEXITY", post.Code);
        Assert.False(post.Body.TryGetProperty("data", out _));
        Assert.True(post.Extensions.GetProperty("cost").GetInt64() > 3_000_000, post.FirstError.GetRawText());
        Assert.Equal(new GraphQLOptions().MaxComplexity, post.Extensions.GetProperty("budget").GetInt32());
        Assert.True(probe.RssGrowth < 256 * MiB, $"RSS grew by {probe.RssGrowth / MiB} MiB");
    }

    [Fact]
    public async Task The_page_size_given_in_a_variable_is_what_the_cost_counts()
    {
        const string query = """
            query($id: ID!, $outer: Int, $inner: Int) {
              getConvo(id: $id) { messages(limit: $outer) { items { conversation { messages(limit: $inner) { items { id } } } } } }
            }
            """;

        var large = await GraphQLPost.SendAsync(host, Token, query, new { id = "any", outer = 1000, inner = 1000 });
        var small = await GraphQLPost.SendAsync(host, Token, query, new { id = "any", outer = 10, inner = 10 });

        Assert.Equal("COMPLEXITY", large.Code);
        Assert.NotEqual("COMPLEXITY", small.Code);
        Assert.True(small.HasData || small.Body.TryGetProperty("data", out _), small.Body.GetRawText());
    }

    [Fact]
    public async Task A_list_without_a_limit_counts_as_the_default_page_size()
    {
        // Two nested pages without limits: 100 × 100 × the fields inside is over the budget; with limit 1 inside it is not.
        const string unbounded = "query($id: ID!) { getConvo(id: $id) { messages { items { conversation { messages { items { id content authorId seq createdAt messageConversationId } } } } } } }";
        const string bounded = "query($id: ID!) { getConvo(id: $id) { messages { items { conversation { messages(limit: 1) { items { id content authorId seq createdAt messageConversationId } } } } } } }";

        var over = await GraphQLPost.SendAsync(host, Token, unbounded, new { id = "any" });
        var within = await GraphQLPost.SendAsync(host, Token, bounded, new { id = "any" });

        Assert.Equal("COMPLEXITY", over.Code);
        Assert.NotEqual("COMPLEXITY", within.Code);
    }

    [Fact]
    public async Task One_page_of_1000_messages_with_every_field_the_web_client_reads_is_within_the_budget()
    {
        const string query = """
            query($id: ID!) {
              getConvo(id: $id) {
                id name members lastSeq unreadCount lastActivityAt
                messages(limit: 1000) { items { id seq content createdAt messageConversationId authorId author { id username } } nextToken }
              }
            }
            """;

        var post = await GraphQLPost.SendAsync(host, Token, query, new { id = "any" });

        Assert.NotEqual("COMPLEXITY", post.Code);
        Assert.True(post.Body.TryGetProperty("data", out _), post.Body.GetRawText());
    }
}
