namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// Filter operands holding a NUL character are refused with BAD_USER_INPUT by the shared filter parser, before any
/// store sees them (MongoDB's driver would throw on one in a regular expression; here on the default SQLite store).
/// </summary>
public sealed class NulFilterTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private static readonly string[] BoundsWithNul = ["a", "z\0"];

    [Theory]
    [InlineData("contains")]
    [InlineData("beginsWith")]
    [InlineData("notContains")]
    [InlineData("eq")]
    public async Task A_message_filter_operand_holding_a_NUL_is_BAD_USER_INPUT(string op)
    {
        var room = await Room.CreateAsync(host, 0);
        await room.PostAsync(room.Owner, "hello");
        var query = "query($id: ID!, $text: String) { getConvo(id: $id) { messages(filter: { content: { " + op + ": $text } }) { items { id } } } }";

        var code = await room.Owner.ErrorCodeAsync(query, new { id = room.Id, text = "he\0llo" });

        Assert.Equal("BAD_USER_INPUT", code);
    }

    [Fact]
    public async Task A_between_bound_holding_a_NUL_is_BAD_USER_INPUT()
    {
        var room = await Room.CreateAsync(host, 0);
        const string query = "query($id: ID!, $b: [String]) { getConvo(id: $id) { messages(filter: { content: { between: $b } }) { items { id } } } }";

        var code = await room.Owner.ErrorCodeAsync(query, new { id = room.Id, b = BoundsWithNul });

        Assert.Equal("BAD_USER_INPUT", code);
    }

    [Fact]
    public async Task A_username_prefix_holding_a_NUL_is_BAD_USER_INPUT()
    {
        var (user, _) = await ChatUser.SignInAsync(host, "nul");

        var code = await user.ErrorCodeAsync("query($p: String) { listUsers(filter: { username: { beginsWith: $p } }) { items { id } } }", new { p = "nu\0" });

        Assert.Equal("BAD_USER_INPUT", code);
    }

    [Fact]
    public async Task The_same_filter_without_the_NUL_runs()
    {
        var room = await Room.CreateAsync(host, 0);
        await room.PostAsync(room.Owner, "hello");

        var data = await room.Owner.DataAsync(
            "query($id: ID!, $text: String) { getConvo(id: $id) { messages(filter: { content: { contains: $text } }) { items { content } } } }",
            new { id = room.Id, text = "ell" });

        Assert.Equal("hello", data.GetProperty("getConvo").GetProperty("messages").GetProperty("items")[0].GetProperty("content").GetString());
    }
}
