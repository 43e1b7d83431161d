using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>updateConvo renames (moderators, validated like createConvo); createConvo(direct: true) finds the pair's one conversation.</summary>
public sealed class RenameAndDirectConversationTests(RenameAndDirectConversationTests.Host host) : IClassFixture<RenameAndDirectConversationTests.Host>
{
    /// <summary>The API with a 10-character name limit, so "too long" is cheap to reach.</summary>
    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { ["Chat:MaxConversationNameLength"] = "10" };
    }

    [Fact]
    public async Task An_owner_or_admin_renames_and_the_same_name_again_writes_nothing()
    {
        var room = await Room.CreateAsync(host, 1);
        var (admin, adminId) = room.Members[0];
        await room.Owner.DataAsync(Room.SetRole, new { c = room.Id, u = adminId, role = "ADMIN" });

        var renamed = (await admin.DataAsync(Room.Rename, new { id = room.Id, name = "  general " })).GetProperty("updateConvo");
        var retry = (await admin.DataAsync(Room.Rename, new { id = room.Id, name = "general" })).GetProperty("updateConvo");

        Assert.Equal("general", renamed.GetProperty("name").GetString());
        Assert.Equal(renamed.GetProperty("lastRev").GetInt32(), retry.GetProperty("lastRev").GetInt32());
        Assert.Equal("general", (await room.StateAsync()).GetProperty("name").GetString());
        Assert.Equal(renamed.GetProperty("lastRev").GetInt32(), await room.LastRevAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("eleven char")]
    public async Task Renaming_to_empty_or_over_the_limit_is_BAD_USER_INPUT_and_keeps_the_name(string name)
    {
        var room = await Room.CreateAsync(host, 0, name: "keep");

        Assert.Equal("BAD_USER_INPUT", await room.Owner.ErrorCodeAsync(Room.Rename, new { id = room.Id, name }));

        Assert.Equal("keep", (await room.StateAsync()).GetProperty("name").GetString());
        Assert.Equal(1, await room.LastRevAsync());
    }

    [Fact]
    public async Task A_plain_member_renaming_is_FORBIDDEN_and_an_outsider_too()
    {
        var room = await Room.CreateAsync(host, 1, name: "keep");
        var (outsider, _) = await ChatUser.SignInAsync(host, "outsider");

        Assert.Equal("FORBIDDEN", await room.Members[0].User.ErrorCodeAsync(Room.Rename, new { id = room.Id, name = "mine" }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.Rename, new { id = room.Id, name = "mine" }));
        Assert.Equal("keep", (await room.StateAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_direct_conversation_is_found_again_by_either_person_instead_of_duplicated()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "a");
        var (bob, _) = await ChatUser.SignInAsync(host, "b");

        var first = (await alice.DataAsync(Room.CreateDirect, new { with = bob.Name })).GetProperty("createConvo");
        var retry = (await alice.DataAsync(Room.CreateDirect, new { with = bob.Name })).GetProperty("createConvo");
        var fromBob = (await bob.DataAsync(Room.CreateDirect, new { with = alice.Name.ToUpperInvariant() })).GetProperty("createConvo");

        Assert.True(first.GetProperty("direct").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetString(), retry.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("id").GetString(), fromBob.GetProperty("id").GetString());
        Assert.Equal([alice.Name, bob.Name], first.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order());
        Assert.Equal("MEMBER", first.GetProperty("myRole").GetString());
        Assert.Single((await alice.DataAsync("{ myConvos { items { id } } }")).GetProperty("myConvos").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_direct_conversation_must_name_exactly_one_other_user_and_its_membership_is_fixed()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "a");
        var (bob, bobId) = await ChatUser.SignInAsync(host, "b");
        var (carol, carolId) = await ChatUser.SignInAsync(host, "c");

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("mutation { createConvo(input: { members: [], direct: true }) { id } }"));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("mutation($a: String!, $b: String!) { createConvo(input: { members: [$a, $b], direct: true }) { id } }", new { a = bob.Name, b = carol.Name }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Room.CreateDirect, new { with = alice.Name }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("mutation { createConvo(input: { members: [] }) { id } }"));
        Assert.Empty((await alice.DataAsync("{ myConvos { items { id } } }")).GetProperty("myConvos").GetProperty("items").EnumerateArray());

        var direct = (await alice.DataAsync(Room.CreateDirect, new { with = bob.Name })).GetProperty("createConvo").GetProperty("id").GetString();
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Room.AddMember, new { c = direct, u = carolId }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Room.RemoveMember, new { c = direct, u = bobId }));
        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync(Room.RemoveMember, new { c = direct }));
        Assert.Equal(1, (await alice.DataAsync(Room.State, new { id = direct })).GetProperty("getConvo").GetProperty("lastRev").GetInt32());
    }
}
