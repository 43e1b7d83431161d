using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>replyToId stays inside its conversation; @username mentions are members, resolved by the server; @all is for moderators.</summary>
public sealed class RepliesAndMentionsTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private static string[] MentionIds(JsonElement message) =>
        message.GetProperty("mentions").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task A_reply_carries_the_message_it_answers()
    {
        var room = await Room.CreateAsync(host, 1);
        var question = await room.PostAsync(room.Owner, "lunch?");

        var reply = await room.PostAsync(room.Members[0].User, "yes", replyToId: question.GetProperty("id").GetString());

        Assert.Equal(question.GetProperty("id").GetString(), reply.GetProperty("replyToId").GetString());
        Assert.Equal("lunch?", reply.GetProperty("replyTo").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Replying_to_a_message_of_another_conversation_is_BAD_USER_INPUT_and_posts_nothing()
    {
        var room = await Room.CreateAsync(host, 1);
        var elsewhere = await Room.CreateAsync(host, 0);
        var foreign = (await elsewhere.PostAsync(elsewhere.Owner, "private")).GetProperty("id").GetString();
        await room.PostAsync(room.Owner, "first");

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Post, new { c = room.Id, text = "re: private", replyToId = foreign }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Post, new { c = room.Id, text = "re: nothing", replyToId = Guid.NewGuid().ToString("N") }));

        var state = await room.StateAsync();
        Assert.Equal(1, state.GetProperty("lastSeq").GetInt32());
        Assert.Equal(2, state.GetProperty("lastRev").GetInt32());
    }

    [Fact]
    public async Task A_username_mention_of_a_member_is_resolved_and_counted_as_an_unread_mention_for_them()
    {
        var room = await Room.CreateAsync(host, 2);
        var (mentioned, mentionedId) = room.Members[0];

        var message = await room.PostAsync(room.Owner, $"@{mentioned.Name.ToUpperInvariant()}, see bob@example.com and @nobody-{Guid.NewGuid():N}.");

        Assert.Equal([mentionedId], MentionIds(message));
        Assert.True((await room.MessageAsync(message.GetProperty("id").GetString()!, mentioned)).GetProperty("mentionsMe").GetBoolean());
        Assert.False((await room.MessageAsync(message.GetProperty("id").GetString()!, room.Members[1].User)).GetProperty("mentionsMe").GetBoolean());
        Assert.Equal(1, (await room.StateAsync(mentioned)).GetProperty("unreadMentionCount").GetInt32());
        Assert.Equal(0, (await room.StateAsync(room.Members[1].User)).GetProperty("unreadMentionCount").GetInt32());

        await mentioned.DataAsync("mutation($c: ID!) { markRead(conversationId: $c, seq: 1) { id } }", new { c = room.Id });
        Assert.Equal(0, (await room.StateAsync(mentioned)).GetProperty("unreadMentionCount").GetInt32());
    }

    [Fact]
    public async Task Mentioning_a_user_who_is_not_a_member_is_BAD_USER_INPUT_and_posts_nothing()
    {
        var room = await Room.CreateAsync(host, 1);
        var (outsider, _) = await ChatUser.SignInAsync(host, "outsider");
        var (leaver, leaverId) = room.Members[0];
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = leaverId });
        var lastRev = await room.LastRevAsync();

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Post, new { c = room.Id, text = $"hey @{outsider.Name}" }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Post, new { c = room.Id, text = $"hey @{leaver.Name}" }));

        Assert.Equal(lastRev, await room.LastRevAsync());
        Assert.Equal(0, (await room.StateAsync()).GetProperty("lastSeq").GetInt32());
    }

    [Fact]
    public async Task At_all_from_an_owner_mentions_every_other_member()
    {
        var room = await Room.CreateAsync(host, 2);

        var message = await room.PostAsync(room.Owner, "@all standup in 5");

        Assert.Empty(MentionIds(message));
        Assert.False(message.GetProperty("mentionsMe").GetBoolean());
        foreach (var (member, _) in room.Members)
        {
            Assert.True((await room.MessageAsync(message.GetProperty("id").GetString()!, member)).GetProperty("mentionsMe").GetBoolean());
            Assert.Equal(1, (await room.StateAsync(member)).GetProperty("unreadMentionCount").GetInt32());
        }
    }

    [Theory]
    [InlineData("@all please read")]
    [InlineData("hey @here.")]
    public async Task At_all_or_at_here_from_a_plain_member_is_BAD_USER_INPUT_and_posts_nothing(string text)
    {
        var room = await Room.CreateAsync(host, 1);

        Assert.Equal("BAD_USER_INPUT", await room.Members[0].User.ErrorCodeAsync(Room.Post, new { c = room.Id, text }));
        Assert.Equal(0, (await room.StateAsync()).GetProperty("lastSeq").GetInt32());
    }

    [Fact]
    public async Task An_edit_re_resolves_mentions_from_the_new_text()
    {
        var room = await Room.CreateAsync(host, 2);
        var (first, firstId) = room.Members[0];
        var (second, secondId) = room.Members[1];
        var posted = await room.PostAsync(room.Owner, $"ping @{first.Name}");

        var edited = (await room.Owner.DataAsync(Room.Update, new { id = posted.GetProperty("id").GetString(), text = $"ping @{second.Name}", rev = posted.GetProperty("rev").GetInt32() }))
            .GetProperty("updateMessage");

        Assert.Equal([secondId], MentionIds(edited));
        Assert.Equal(0, (await room.StateAsync(first)).GetProperty("unreadMentionCount").GetInt32());
        Assert.Equal(1, (await room.StateAsync(second)).GetProperty("unreadMentionCount").GetInt32());
        Assert.DoesNotContain(firstId, MentionIds(edited));
    }

    [Fact]
    public async Task Retrying_a_post_whose_mention_has_left_since_returns_the_original_post()
    {
        var room = await Room.CreateAsync(host, 1);
        var (mentioned, mentionedId) = room.Members[0];
        var id = Guid.NewGuid().ToString();
        var original = await room.PostAsync(room.Owner, $"thanks @{mentioned.Name}", id: id);
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = mentionedId });
        var lastRev = await room.LastRevAsync();

        var retry = await room.PostAsync(room.Owner, $"thanks @{mentioned.Name}", id: id);

        Assert.Equal(original.GetProperty("seq").GetInt32(), retry.GetProperty("seq").GetInt32());
        Assert.Equal([mentionedId], MentionIds(retry));
        Assert.Equal(lastRev, await room.LastRevAsync());
    }
}
