using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>addReaction/removeReaction: a set per (user, emoji); exactly one emoji; totals and "me" on the message.</summary>
public sealed class ReactionTests(ReactionTests.Host host) : IClassFixture<ReactionTests.Host>
{
    /// <summary>
    /// The API allowing three kinds of emoji per message, so the limit is cheap to reach. Who reacted, read inside a
    /// page of messages (a page of 100 users per reaction, 20 reactions per message, 100 messages: ~200,000), is beyond
    /// the default cost budget; these tests raise it.
    /// </summary>
    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
        {
            ["Chat:MaxReactionKindsPerMessage"] = "3",
            ["GraphQL:MaxComplexity"] = "1000000",
        };
    }

    private static JsonElement Group(JsonElement message, string emoji) =>
        message.GetProperty("reactions").EnumerateArray().Single(g => g.GetProperty("emoji").GetString() == emoji);

    [Fact]
    public async Task Reactions_are_counted_per_emoji_with_me_for_the_caller()
    {
        var room = await Room.CreateAsync(host, 2);
        var id = (await room.PostAsync(room.Owner, "ship it?")).GetProperty("id").GetString();

        await room.Members[0].User.DataAsync(Room.AddReaction, new { id, emoji = "👍" });
        await room.Members[1].User.DataAsync(Room.AddReaction, new { id, emoji = "👍" });
        await room.Members[1].User.DataAsync(Room.AddReaction, new { id, emoji = "🎉" });

        var seenByFirst = await room.MessageAsync(id!, room.Members[0].User);
        Assert.Equal(["👍", "🎉"], seenByFirst.GetProperty("reactions").EnumerateArray().Select(g => g.GetProperty("emoji").GetString()));
        Assert.Equal(2, Group(seenByFirst, "👍").GetProperty("count").GetInt32());
        Assert.True(Group(seenByFirst, "👍").GetProperty("me").GetBoolean());
        Assert.False(Group(seenByFirst, "🎉").GetProperty("me").GetBoolean());
        var users = await room.Owner.DataAsync("query($c: ID!) { getConvo(id: $c) { messages { items { reactions { emoji users { items { id } } } } } } }", new { c = room.Id });
        var thumbs = users.GetProperty("getConvo").GetProperty("messages").GetProperty("items")[0].GetProperty("reactions")[0];
        Assert.Equal("👍", thumbs.GetProperty("emoji").GetString());
        Assert.Equal([room.Members[0].Id, room.Members[1].Id], thumbs.GetProperty("users").GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.False(Group(await room.MessageAsync(id!), "👍").GetProperty("me").GetBoolean());
    }

    [Fact]
    public async Task Adding_the_same_reaction_twice_counts_once_and_writes_no_second_rev()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "nice")).GetProperty("id").GetString();

        var first = (await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "❤️" })).GetProperty("addReaction");
        var retry = (await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "❤️" })).GetProperty("addReaction");

        Assert.Equal(1, Group(retry, "❤️").GetProperty("count").GetInt32());
        Assert.Equal(first.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal(first.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Fact]
    public async Task Removing_a_reaction_takes_it_out_and_removing_it_again_is_a_no_op()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "hmm")).GetProperty("id").GetString();
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "🤔" });

        var removed = (await room.Owner.DataAsync(Room.RemoveReaction, new { id, emoji = "🤔" })).GetProperty("removeReaction");
        var retry = (await room.Owner.DataAsync(Room.RemoveReaction, new { id, emoji = "🤔" })).GetProperty("removeReaction");

        Assert.Empty(removed.GetProperty("reactions").EnumerateArray());
        Assert.Equal(removed.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal(removed.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Theory]
    [InlineData("👍🏽")]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇫🇷")]
    [InlineData("1️⃣")]
    [InlineData("❤️")]
    [InlineData("🏳️‍🌈")]
    public async Task One_emoji_made_of_several_code_points_is_one_reaction(string emoji)
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "flags and families")).GetProperty("id").GetString();

        var message = (await room.Owner.DataAsync(Room.AddReaction, new { id, emoji })).GetProperty("addReaction");

        Assert.Equal(1, Group(message, emoji).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ok")]
    [InlineData("1")]
    [InlineData("!")]
    [InlineData("👍👍")]
    [InlineData("👍 ")]
    [InlineData("é")]
    public async Task A_reaction_that_is_not_exactly_one_emoji_is_BAD_USER_INPUT_and_changes_nothing(string emoji)
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "react to me")).GetProperty("id").GetString();
        var lastRev = await room.LastRevAsync();

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.AddReaction, new { id, emoji }));

        Assert.Empty((await room.MessageAsync(id!)).GetProperty("reactions").EnumerateArray());
        Assert.Equal(lastRev, await room.LastRevAsync());
    }

    [Fact]
    public async Task A_new_kind_of_emoji_beyond_the_limit_is_BAD_USER_INPUT_but_joining_an_existing_kind_works()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "popular")).GetProperty("id").GetString();
        foreach (var emoji in new[] { "😀", "😂", "😍" })
        {
            await room.Owner.DataAsync(Room.AddReaction, new { id, emoji });
        }

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.AddReaction, new { id, emoji = "😎" }));

        var joined = (await room.Members[0].User.DataAsync(Room.AddReaction, new { id, emoji = "😂" })).GetProperty("addReaction");
        Assert.Equal(3, joined.GetProperty("reactions").GetArrayLength());
        Assert.Equal(2, Group(joined, "😂").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Reacting_to_a_deleted_message_is_CONFLICT()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "short-lived")).GetProperty("id").GetString();
        await room.Owner.DataAsync(Room.Delete, new { id });

        Assert.Equal("CONFLICT", await room.Members[0].User.ErrorCodeAsync(Room.AddReaction, new { id, emoji = "👍" }));
        Assert.Empty((await room.MessageAsync(id!)).GetProperty("reactions").EnumerateArray());
    }

    [Fact]
    public async Task The_users_of_a_reaction_page_with_limit_and_nextToken()
    {
        var room = await Room.CreateAsync(host, 3);
        var id = (await room.PostAsync(room.Owner, "vote")).GetProperty("id").GetString();
        foreach (var (member, _) in room.Members)
        {
            await member.DataAsync(Room.AddReaction, new { id, emoji = "✅" });
        }

        const string Users = "query($c: ID!, $t: String) { getConvo(id: $c) { messages { items { reactions { users(limit: 2, nextToken: $t) { items { id } nextToken } } } } } }";
        var seen = new List<string>();
        string? token = null;
        do
        {
            var users = (await room.Owner.DataAsync(Users, new { c = room.Id, t = token })).GetProperty("getConvo").GetProperty("messages").GetProperty("items")[0]
                .GetProperty("reactions")[0].GetProperty("users");
            seen.AddRange(users.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            token = users.GetProperty("nextToken").GetString();
        }
        while (token is not null);

        Assert.Equal(room.Members.Select(m => m.Id), seen);
    }
}
