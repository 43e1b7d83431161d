using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>Every bad input gets a clear, coded error and leaves the store as it was.</summary>
public sealed class BadInputTests(BadInputTests.Host host) : IClassFixture<BadInputTests.Host>
{
    /// <summary>The API with small message and member limits, so "too long" and "too many" are cheap to reach.</summary>
    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
        {
            ["Chat:MaxMessageLength"] = "20",
            ["Chat:MaxMembersPerConversation"] = "3",
        };
    }

    private const string Post = "mutation($id: ID, $c: ID!, $text: String!) { createMessage(input: { id: $id, messageConversationId: $c, content: $text }) { seq } }";

    private async Task<(ChatUser User, string ConvoId)> ArrangeAsync()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "inputs", members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString()!;
        await alice.DataAsync(Post, new { c = convoId, text = "first" });
        return (alice, convoId);
    }

    private static async Task AssertUnchangedAsync(ChatUser user, string convoId)
    {
        var convo = await user.DataAsync("query($id: ID!) { getConvo(id: $id) { lastSeq messages { items { content } } } }", new { id = convoId });
        Assert.Equal(1, convo.GetProperty("getConvo").GetProperty("lastSeq").GetInt32());
        Assert.Equal("first", Assert.Single(convo.GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray()).GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("this message is longer than twenty characters")]
    public async Task Empty_blank_or_too_long_content_is_BAD_USER_INPUT_and_writes_nothing(string content)
    {
        var (alice, convoId) = await ArrangeAsync();

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Post, new { c = convoId, text = content }));
        await AssertUnchangedAsync(alice, convoId);
    }

    [Theory]
    [InlineData("not an id!")]
    [InlineData("ünïcode")]
    [InlineData("a-very-long-id-that-goes-on-and-on-and-on-past-the-sixty-four-character-limit")]
    public async Task A_malformed_message_or_conversation_id_is_BAD_USER_INPUT(string badId)
    {
        var (alice, convoId) = await ArrangeAsync();

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Post, new { id = badId, c = convoId, text = "hi" }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Post, new { c = badId, text = "hi" }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Operations.GetConvo, new { id = badId }));
        await AssertUnchangedAsync(alice, convoId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public async Task A_limit_outside_1_to_1000_is_BAD_USER_INPUT(int limit)
    {
        var (alice, convoId) = await ArrangeAsync();

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("query($id: ID!, $l: Int) { getConvo(id: $id) { messages(limit: $l) { items { id } } } }", new { id = convoId, l = limit }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("query($l: Int) { listUsers(limit: $l) { items { id } } }", new { l = limit }));
    }

    [Fact]
    public async Task A_nextToken_from_another_list_or_made_up_is_BAD_USER_INPUT()
    {
        var (alice, convoId) = await ArrangeAsync();
        await alice.DataAsync(Post, new { c = convoId, text = "second" });
        await ChatUser.SignInAsync(host, "bob"); // two users at least, so the users list has a second page
        var usersToken = (await alice.DataAsync("{ listUsers(limit: 1) { nextToken } }")).GetProperty("listUsers").GetProperty("nextToken").GetString();
        Assert.NotNull(usersToken);
        const string Messages = "query($id: ID!, $t: String) { getConvo(id: $id) { messages(limit: 1, nextToken: $t) { items { id } } } }";

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Messages, new { id = convoId, t = usersToken }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Messages, new { id = convoId, t = "bm90LWEtdG9rZW4" }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Messages, new { id = convoId, t = "%%%" }));
    }

    [Theory]
    [InlineData("{ content: { between: [\"a\"] } }")]
    [InlineData("{ content: { } }")]
    [InlineData("{ and: [] }")]
    [InlineData("{ }")]
    public async Task A_filter_the_stores_cannot_honour_exactly_is_BAD_USER_INPUT_not_ignored(string filter)
    {
        var (alice, convoId) = await ArrangeAsync();

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync($"query($id: ID!) {{ getConvo(id: $id) {{ messages(filter: {filter}) {{ items {{ id }} }} }} }}", new { id = convoId }));
    }

    [Fact]
    public async Task Filters_narrow_a_conversations_messages_before_the_limit()
    {
        var (alice, convoId) = await ArrangeAsync();
        foreach (var text in new[] { "apple pie", "banana", "apple tart", "cherry" })
        {
            await alice.DataAsync(Post, new { c = convoId, text });
        }

        var page = await alice.DataAsync("""
            query($id: ID!) { getConvo(id: $id) { messages(limit: 2, filter: { or: [{ content: { beginsWith: "apple" } }, { content: { eq: "cherry" } }] }) { items { content } nextToken } } }
            """, new { id = convoId });

        var items = page.GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content").GetString());
        Assert.Equal(["apple pie", "apple tart"], items);
    }

    [Fact]
    public async Task A_username_someone_else_holds_in_any_case_is_USERNAME_TAKEN_and_nothing_changes()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");

        Assert.Equal("USERNAME_TAKEN", await bob.ErrorCodeAsync(Operations.CreateUser, new { username = alice.Name.ToUpperInvariant() }));
        Assert.Equal("BAD_USER_INPUT", await bob.ErrorCodeAsync(Operations.CreateUser, new { username = "no spaces allowed" }));
        Assert.Equal(bob.Name, (await bob.DataAsync("{ me { username } }")).GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Creating_a_conversation_with_an_unknown_member_is_BAD_USER_INPUT_and_creates_nothing()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Operations.CreateConvo, new { name = "ghosts", members = new[] { "nobody-" + Guid.NewGuid().ToString("N")[..8] } }));
        Assert.Equal(0, (await alice.DataAsync("{ myConvos { items { id } } }")).GetProperty("myConvos").GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Adding_a_member_beyond_the_limit_is_BAD_USER_INPUT_and_adds_nobody()
    {
        var room = await Room.CreateAsync(host, 2);
        var (extra, extraId) = await ChatUser.SignInAsync(host, "extra");

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.AddMember, new { c = room.Id, u = extraId }));

        Assert.DoesNotContain(extra.Name, await room.MemberNamesAsync());
        Assert.Equal(1, await room.LastRevAsync());
    }
}
