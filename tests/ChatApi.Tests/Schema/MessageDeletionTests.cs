using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>deleteMessage: the author or a moderator leaves a tombstone, once; nobody else can.</summary>
public sealed class MessageDeletionTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task Deleting_leaves_a_tombstone_that_keeps_id_seq_and_author_and_loses_content_and_reactions()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        var posted = await room.PostAsync(member, $"hi @{room.Owner.Name}");
        var id = posted.GetProperty("id").GetString();
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" });

        var tombstone = (await member.DataAsync(Room.Delete, new { id })).GetProperty("deleteMessage");

        Assert.Equal(id, tombstone.GetProperty("id").GetString());
        Assert.Equal(posted.GetProperty("seq").GetInt32(), tombstone.GetProperty("seq").GetInt32());
        Assert.Equal(memberId, tombstone.GetProperty("authorId").GetString());
        Assert.Equal("", tombstone.GetProperty("content").GetString());
        Assert.NotNull(tombstone.GetProperty("deletedAt").GetString());
        Assert.Equal(memberId, tombstone.GetProperty("deletedBy").GetProperty("id").GetString());
        Assert.Empty(tombstone.GetProperty("reactions").EnumerateArray());
        Assert.Empty(tombstone.GetProperty("mentions").EnumerateArray());
        Assert.False(tombstone.GetProperty("mentionsMe").GetBoolean());
        Assert.Equal("", (await room.MessageAsync(id!)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Deleting_twice_returns_the_same_tombstone_and_writes_no_second_rev()
    {
        var room = await Room.CreateAsync(host, 1);
        var id = (await room.PostAsync(room.Owner, "oops")).GetProperty("id").GetString();

        var first = (await room.Owner.DataAsync(Room.Delete, new { id })).GetProperty("deleteMessage");
        var retry = (await room.Owner.DataAsync(Room.Delete, new { id })).GetProperty("deleteMessage");

        Assert.Equal(first.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal(first.GetProperty("deletedAt").GetString(), retry.GetProperty("deletedAt").GetString());
        Assert.Equal(first.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Fact]
    public async Task The_owner_and_an_admin_may_delete_a_members_message()
    {
        var room = await Room.CreateAsync(host, 2);
        var (member, _) = room.Members[0];
        var (admin, adminId) = room.Members[1];
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = adminId, role = "ADMIN" });
        var first = (await room.PostAsync(member, "spam 1")).GetProperty("id").GetString();
        var second = (await room.PostAsync(member, "spam 2")).GetProperty("id").GetString();

        var byOwner = (await room.Owner.DataAsync(Room.Delete, new { id = first })).GetProperty("deleteMessage");
        var byAdmin = (await admin.DataAsync(Room.Delete, new { id = second })).GetProperty("deleteMessage");

        Assert.Equal(room.OwnerId, byOwner.GetProperty("deletedBy").GetProperty("id").GetString());
        Assert.Equal(adminId, byAdmin.GetProperty("deletedBy").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_member_deleting_someone_elses_message_is_FORBIDDEN_and_it_stays()
    {
        var room = await Room.CreateAsync(host, 2);
        var id = (await room.PostAsync(room.Members[0].User, "keep")).GetProperty("id").GetString();
        var lastRev = await room.LastRevAsync();

        Assert.Equal("FORBIDDEN", await room.Members[1].User.ErrorCodeAsync(Room.Delete, new { id }));
        Assert.Equal("FORBIDDEN", await room.Members[0].User.ErrorCodeAsync(Room.Delete, new { id = (await room.PostAsync(room.Owner, "owner's")).GetProperty("id").GetString() }));

        Assert.Equal("keep", (await room.MessageAsync(id!)).GetProperty("content").GetString());
        Assert.Equal(lastRev + 1, await room.LastRevAsync()); // only the owner's post
    }

    [Fact]
    public async Task A_reply_to_a_deleted_message_shows_the_tombstone()
    {
        var room = await Room.CreateAsync(host, 1);
        var original = (await room.PostAsync(room.Owner, "question?")).GetProperty("id").GetString();
        var reply = (await room.PostAsync(room.Members[0].User, "answer", replyToId: original)).GetProperty("id").GetString();

        await room.Owner.DataAsync(Room.Delete, new { id = original });

        var replyTo = (await room.MessageAsync(reply!)).GetProperty("replyTo");
        Assert.Equal(original, replyTo.GetProperty("id").GetString());
        Assert.Equal("", replyTo.GetProperty("content").GetString());
        Assert.NotEqual(JsonValueKind.Null, replyTo.GetProperty("deletedAt").ValueKind);
    }
}
