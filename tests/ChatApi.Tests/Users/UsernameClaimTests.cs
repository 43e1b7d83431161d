using Chatt.ChatApi.Tests.Infrastructure;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Users;

/// <summary>Usernames over the API: lookalikes are taken names, and a squatter cannot keep an identity's name.</summary>
public sealed class UsernameClaimTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task Cyrillic_and_fullwidth_lookalikes_of_a_held_name_are_USERNAME_TAKEN()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (mallory, _) = await ChatUser.SignInAsync(host, "mallory");
        var fullwidth = string.Concat(alice.Name.Select(c => (char)(c + 0xFEE0)));

        Assert.Equal("USERNAME_TAKEN", await mallory.ErrorCodeAsync(Operations.CreateUser, new { username = "\u0430" + alice.Name[1..] }));
        Assert.Equal("USERNAME_TAKEN", await mallory.ErrorCodeAsync(Operations.CreateUser, new { username = fullwidth }));
        Assert.Equal(mallory.Name, await UsernameAsync(mallory));
    }

    [Fact]
    public async Task An_identity_signing_in_for_the_first_time_gets_its_name_back_from_a_squatter()
    {
        var name = "carol" + Guid.NewGuid().ToString("N")[..8];
        var (squatter, squatterId) = await ChatUser.SignInAsync(host, "squatter");
        await squatter.DataAsync(Operations.CreateUser, new { username = name });
        var convo = (await squatter.DataAsync(Operations.CreateConvo, new { name = "squatter's", members = Array.Empty<string>() }))
            .GetProperty("createConvo").GetProperty("id").GetString();

        var carol = new ChatUser(host, name);
        var carolId = (await carol.DataAsync("{ me { id username } }")).GetProperty("me");

        Assert.Equal(name, carolId.GetProperty("username").GetString());
        Assert.StartsWith(name + "-", await UsernameAsync(squatter), StringComparison.Ordinal);
        Assert.Equal("FORBIDDEN", await carol.ErrorCodeAsync("query($id: ID!) { getConvo(id: $id) { id } }", new { id = convo }));
        var found = (await carol.DataAsync("query($p: String) { listUsers(filter: { username: { beginsWith: $p } }) { items { id username } } }", new { p = name }))
            .GetProperty("listUsers").GetProperty("items").EnumerateArray()
            .Single(u => u.GetProperty("username").GetString() == name);
        Assert.NotEqual(squatterId, found.GetProperty("id").GetString());
    }

    private static async Task<string?> UsernameAsync(ChatUser user) =>
        (await user.DataAsync("{ me { username } }")).GetProperty("me").GetProperty("username").GetString();
}
