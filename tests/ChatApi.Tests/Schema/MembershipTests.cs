using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>Roles, leaving and removal: a removed member is an outsider everywhere, and only moderators remove.</summary>
public sealed class MembershipTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private const string MyConvos = "{ myConvos { items { id } } }";

    [Fact]
    public async Task The_creator_is_OWNER_and_everyone_else_MEMBER()
    {
        var room = await Room.CreateAsync(host, 1);

        Assert.Equal("OWNER", (await room.StateAsync()).GetProperty("myRole").GetString());
        Assert.Equal("MEMBER", (await room.StateAsync(room.Members[0].User)).GetProperty("myRole").GetString());
        Assert.Equal("OWNER", (await room.LinkAsync(room.OwnerId)).GetProperty("role").GetString());
        Assert.Equal(1, (await room.LinkAsync(room.OwnerId)).GetProperty("rev").GetInt32());
    }

    [Fact]
    public async Task A_member_who_leaves_gets_a_tombstone_and_is_FORBIDDEN_from_then_on()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        var messageId = (await room.PostAsync(member, "bye all")).GetProperty("id").GetString();

        var left = (await member.DataAsync(Room.RemoveMember, new { c = room.Id })).GetProperty("deleteConvoLink");

        Assert.Equal(memberId, left.GetProperty("convoLinkUserId").GetString());
        Assert.NotEqual(JsonValueKind.Null, left.GetProperty("removedAt").ValueKind);
        Assert.Equal(await room.LastRevAsync(), left.GetProperty("rev").GetInt32());
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Operations.GetConvo, new { id = room.Id }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.Post, new { c = room.Id, text = "still here?" }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.Update, new { id = messageId, text = "edited after leaving", rev = 1 }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.Delete, new { id = messageId }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.AddReaction, new { id = messageId, emoji = "👋" }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync("mutation($c: ID!) { markRead(conversationId: $c, seq: 1) { id } }", new { c = room.Id }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.AddMember, new { c = room.Id }));
        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id }));
        Assert.Empty((await member.DataAsync(MyConvos)).GetProperty("myConvos").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_removed_member_is_not_listed_among_members_and_comes_back_as_a_new_change_when_added_again()
    {
        var room = await Room.CreateAsync(host, 2);
        var (member, memberId) = room.Members[0];
        var removed = (await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId })).GetProperty("deleteConvoLink");

        Assert.DoesNotContain(member.Name, await room.MemberNamesAsync());
        Assert.DoesNotContain((await room.StateAsync()).GetProperty("associated").GetProperty("items").EnumerateArray(), l => l.GetProperty("convoLinkUserId").GetString() == memberId);

        var back = (await room.Members[1].User.DataAsync(Room.AddMember, new { c = room.Id, u = memberId })).GetProperty("createConvoLink");

        Assert.Equal(removed.GetProperty("rev").GetInt32() + 1, back.GetProperty("rev").GetInt32());
        Assert.Equal(JsonValueKind.Null, back.GetProperty("removedAt").ValueKind);
        Assert.Equal("MEMBER", back.GetProperty("role").GetString());
        Assert.Contains(member.Name, await room.MemberNamesAsync());
        Assert.Single((await member.DataAsync(MyConvos)).GetProperty("myConvos").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Removing_a_removed_member_again_returns_the_tombstone_and_writes_no_second_rev()
    {
        var room = await Room.CreateAsync(host, 1);
        var remove = new { c = room.Id, u = room.Members[0].Id };

        var first = (await room.Owner.DataAsync(Room.RemoveMember, remove)).GetProperty("deleteConvoLink");
        var retry = (await room.Owner.DataAsync(Room.RemoveMember, remove)).GetProperty("deleteConvoLink");

        Assert.Equal(first.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal(first.GetProperty("removedAt").GetString(), retry.GetProperty("removedAt").GetString());
        Assert.Equal(first.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Fact]
    public async Task A_member_cannot_remove_anyone_and_an_admin_cannot_remove_an_admin_or_owner()
    {
        var room = await Room.CreateAsync(host, 3);
        var (admin, adminId) = room.Members[0];
        var (_, otherAdminId) = room.Members[1];
        var (member, memberId) = room.Members[2];
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = adminId, role = "ADMIN" });
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = otherAdminId, role = "ADMIN" });
        var lastRev = await room.LastRevAsync();

        Assert.Equal("FORBIDDEN", await member.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id, u = adminId }));
        Assert.Equal("FORBIDDEN", await admin.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id, u = otherAdminId }));
        Assert.Equal("FORBIDDEN", await admin.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id, u = room.OwnerId }));
        Assert.Equal(lastRev, await room.LastRevAsync());
        Assert.Equal(4, (await room.MemberNamesAsync()).Length);

        await admin.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId });
        Assert.DoesNotContain(member.Name, await room.MemberNamesAsync());
    }

    [Fact]
    public async Task The_last_owner_cannot_leave_or_step_down_until_another_owner_exists()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        var lastRev = await room.LastRevAsync();

        Assert.Equal("CONFLICT", await room.Owner.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id }));
        Assert.Equal("CONFLICT", await room.Owner.ErrorCodeAsync(Room.SetRole, new { c = room.Id, u = room.OwnerId, role = "ADMIN" }));
        Assert.Equal(lastRev, await room.LastRevAsync());
        Assert.Equal("OWNER", (await room.StateAsync()).GetProperty("myRole").GetString());

        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = memberId, role = "OWNER" });
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id });
        Assert.Equal("OWNER", (await room.StateAsync(member)).GetProperty("myRole").GetString());
        Assert.Equal([member.Name], await room.MemberNamesAsync(member));
    }

    [Fact]
    public async Task Only_an_owner_changes_roles_and_the_same_role_again_writes_nothing()
    {
        var room = await Room.CreateAsync(host, 2);
        var (admin, adminId) = room.Members[0];
        var (_, memberId) = room.Members[1];

        var promoted = (await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = adminId, role = "ADMIN" })).GetProperty("updateConvoLink");
        var retry = (await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = adminId, role = "ADMIN" })).GetProperty("updateConvoLink");

        Assert.Equal("ADMIN", promoted.GetProperty("role").GetString());
        Assert.Equal(promoted.GetProperty("rev").GetInt32(), retry.GetProperty("rev").GetInt32());
        Assert.Equal("ADMIN", (await room.StateAsync(admin)).GetProperty("myRole").GetString());
        Assert.Equal("FORBIDDEN", await admin.ErrorCodeAsync(Room.SetRole, new { c = room.Id, u = memberId, role = "ADMIN" }));
        Assert.Equal("MEMBER", (await room.LinkAsync(memberId)).GetProperty("role").GetString());
        Assert.Equal(promoted.GetProperty("rev").GetInt32(), await room.LastRevAsync());
    }

    [Fact]
    public async Task Changing_the_role_of_someone_who_is_not_a_member_is_NOT_FOUND()
    {
        var room = await Room.CreateAsync(host, 0);
        var (_, strangerId) = await ChatUser.SignInAsync(host, "stranger");

        Assert.Equal("NOT_FOUND", await room.Owner.ErrorCodeAsync(Room.SetRole, new { c = room.Id, u = strangerId, role = "ADMIN" }));
        Assert.Equal("NOT_FOUND", await room.Owner.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id, u = strangerId }));
        Assert.Equal(1, await room.LastRevAsync());
    }
}
