using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// Catching up by rev: one query per list brings a client that saw rev R exactly up to date — every message and link
/// created, changed or removed since, once, in its current state, tombstones included.
/// </summary>
public sealed class ChangedAfterRevTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task Every_kind_of_change_takes_exactly_one_rev()
    {
        var room = await Room.CreateAsync(host, 2);
        var (member, memberId) = room.Members[0];
        Assert.Equal(1, await room.LastRevAsync());

        var id = (await room.PostAsync(member, "a")).GetProperty("id").GetString();                              // 2
        await member.DataAsync(Room.Update, new { id, text = "b", rev = 2 });                                     // 3
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" });                                   // 4
        await room.Owner.DataAsync(Room.RemoveReaction, new { id, emoji = "👍" });                                // 5
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "renamed" });                          // 6
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = memberId, role = "ADMIN" });              // 7
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = room.Members[1].Id });               // 8
        await room.Owner.DataAsync(Room.AddMember, new { c = room.Id, u = room.Members[1].Id });                  // 9
        await member.DataAsync(Room.Delete, new { id });                                                          // 10

        Assert.Equal(10, await room.LastRevAsync());
    }

    [Fact]
    public async Task Messages_changedAfterRev_returns_what_changed_since_in_rev_order_with_tombstones()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, _) = room.Members[0];
        var untouched = (await room.PostAsync(member, "old and untouched")).GetProperty("id").GetString();
        var edited = (await room.PostAsync(member, "will be edited")).GetProperty("id").GetString();
        var deleted = (await room.PostAsync(member, "will be deleted")).GetProperty("id").GetString();
        var seen = await room.LastRevAsync();

        var fresh = (await room.PostAsync(room.Owner, "new one")).GetProperty("id").GetString();
        await member.DataAsync(Room.Update, new { id = edited, text = "edited", rev = seen - 1 });
        await member.DataAsync(Room.Delete, new { id = deleted });
        await room.Owner.DataAsync(Room.AddReaction, new { id = fresh, emoji = "🎉" });

        var changes = (await member.DataAsync(Room.ChangedMessages, new { id = room.Id, rev = seen })).GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray().ToArray();

        Assert.Equal([edited, deleted, fresh], changes.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("edited", changes[0].GetProperty("content").GetString());
        Assert.NotEqual(JsonValueKind.Null, changes[1].GetProperty("deletedAt").ValueKind);
        Assert.Equal("🎉", changes[2].GetProperty("reactions")[0].GetProperty("emoji").GetString());
        Assert.Equal(changes.Select(m => m.GetProperty("rev").GetInt32()).Order(), changes.Select(m => m.GetProperty("rev").GetInt32()));
        Assert.DoesNotContain(changes, m => m.GetProperty("id").GetString() == untouched);
    }

    [Fact]
    public async Task Messages_changedAfterRev_pages_with_nextToken_and_ends_at_lastRev()
    {
        var room = await Room.CreateAsync(host, 0);
        for (var i = 0; i < 5; i++)
        {
            await room.PostAsync(room.Owner, $"m{i}");
        }

        var revs = new List<int>();
        string? token = null;
        do
        {
            var page = (await room.Owner.DataAsync(Room.ChangedMessages, new { id = room.Id, rev = 1, limit = 2, t = token })).GetProperty("getConvo").GetProperty("messages");
            revs.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("rev").GetInt32()));
            token = page.GetProperty("nextToken").GetString();
        }
        while (token is not null);

        Assert.Equal([2, 3, 4, 5, 6], revs);
    }

    [Fact]
    public async Task Associated_changedAfterRev_returns_added_changed_and_removed_links()
    {
        var room = await Room.CreateAsync(host, 2);
        var (_, firstId) = room.Members[0];
        var (_, secondId) = room.Members[1];
        var (newcomer, newcomerId) = await ChatUser.SignInAsync(host, "newcomer");
        await room.PostAsync(room.Owner, "not a link");
        var seen = await room.LastRevAsync();

        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = firstId, role = "ADMIN" });
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = secondId });
        await room.Owner.DataAsync(Room.AddMember, new { c = room.Id, u = newcomerId });

        var links = (await newcomer.DataAsync(Room.ChangedLinks, new { id = room.Id, rev = seen })).GetProperty("getConvo").GetProperty("associated").GetProperty("items").EnumerateArray().ToArray();

        Assert.Equal([firstId, secondId, newcomerId], links.Select(l => l.GetProperty("convoLinkUserId").GetString()));
        Assert.Equal("ADMIN", links[0].GetProperty("role").GetString());
        Assert.NotEqual(JsonValueKind.Null, links[1].GetProperty("removedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, links[2].GetProperty("removedAt").ValueKind);
    }

    [Fact]
    public async Task AfterSeq_with_changedAfterRev_or_a_negative_rev_is_BAD_USER_INPUT()
    {
        var room = await Room.CreateAsync(host, 0);
        await room.PostAsync(room.Owner, "one");

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.ChangedMessages, new { id = room.Id, rev = 1, afterSeq = 0 }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.ChangedMessages, new { id = room.Id, rev = -1 }));
        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.ChangedLinks, new { id = room.Id, rev = -1 }));
    }

    [Fact]
    public async Task A_removed_member_cannot_catch_up_by_rev()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId });
        await room.PostAsync(room.Owner, "after you left");

        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.ChangedMessages, new { id = room.Id, rev = 0 }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.ChangedLinks, new { id = room.Id, rev = 0 }));
    }
}
