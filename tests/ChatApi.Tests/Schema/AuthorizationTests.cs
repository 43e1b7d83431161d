using System.Net;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>Two members and an outsider: the outsider is refused at every door, with a code, and learns nothing.</summary>
public sealed class AuthorizationTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private async Task<(ChatUser Alice, string AliceId, ChatUser Bob, ChatUser Carol, string CarolId, string ConvoId)> ArrangeAsync()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var (carol, carolId) = await ChatUser.SignInAsync(host, "carol");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "secret", members = new[] { bob.Name } }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        await alice.DataAsync(Operations.CreateMessage, new { content = "for members only", messageConversationId = convoId });
        return (alice, aliceId, bob, carol, carolId, convoId);
    }

    [Fact]
    public async Task A_request_without_a_valid_token_is_401_UNAUTHENTICATED()
    {
        using var anonymous = host.CreateClient();
        using var response = await anonymous.PostAsync("graphql", new StringContent("""{"query":"{ me { id } }"}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("UNAUTHENTICATED", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var forged = await host.PostGraphQLAsync("{ me { id } }", token: host.Tokens.Forged("mallory"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("UNAUTHENTICATED", forged.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_non_member_cannot_read_a_conversation_or_its_messages_or_links()
    {
        var (_, _, _, carol, _, convoId) = await ArrangeAsync();

        var response = await carol.SendAsync(Operations.GetConvo, new { id = convoId });

        Assert.Equal("FORBIDDEN", response.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.DoesNotContain("for members only", response.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_member_cannot_post_and_nothing_is_written()
    {
        var (alice, _, _, carol, _, convoId) = await ArrangeAsync();

        Assert.Equal("FORBIDDEN", await carol.ErrorCodeAsync(Operations.CreateMessage, new { content = "let me in", messageConversationId = convoId }));

        var messages = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { lastSeq messages { items { content } } } }", new { id = convoId });
        Assert.Equal(1, messages.GetProperty("getConvo").GetProperty("lastSeq").GetInt32());
        Assert.Single(messages.GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_non_member_cannot_add_anyone_including_themself()
    {
        var (alice, _, _, carol, carolId, convoId) = await ArrangeAsync();

        Assert.Equal("FORBIDDEN", await carol.ErrorCodeAsync(Operations.CreateConvoLink, new { convoLinkConversationId = convoId, convoLinkUserId = carolId }));

        var members = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { members } }", new { id = convoId });
        Assert.Equal(2, members.GetProperty("getConvo").GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task A_member_can_add_someone_who_then_reads_the_history()
    {
        var (alice, _, _, carol, carolId, convoId) = await ArrangeAsync();

        await alice.DataAsync(Operations.CreateConvoLink, new { convoLinkConversationId = convoId, convoLinkUserId = carolId });

        var convo = await carol.DataAsync(Operations.GetConvo, new { id = convoId });
        Assert.Equal("for members only", convo.GetProperty("getConvo").GetProperty("messages").GetProperty("items")[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Another_users_conversations_and_messages_are_forbidden_but_their_profile_is_visible()
    {
        var (_, aliceId, _, carol, _, _) = await ArrangeAsync();

        var response = await carol.SendAsync("""
            query($id: ID!) { getUser(id: $id) { id username conversations { items { id } } messages { items { content } } } }
            """, new { id = aliceId });

        var errors = response.GetProperty("errors").EnumerateArray().ToArray();
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Equal("FORBIDDEN", e.GetProperty("extensions").GetProperty("code").GetString()));
        var user = response.GetProperty("data").GetProperty("getUser");
        Assert.Equal(aliceId, user.GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, user.GetProperty("conversations").ValueKind);
        Assert.DoesNotContain("for members only", response.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_cannot_be_posted_in_someone_elses_name()
    {
        var (alice, _, bob, _, carolId, convoId) = await ArrangeAsync();

        Assert.Equal("FORBIDDEN", await bob.ErrorCodeAsync(Operations.CreateMessage, new { content = "I am carol", messageConversationId = convoId, authorId = carolId }));

        var convo = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { lastSeq } }", new { id = convoId });
        Assert.Equal(1, convo.GetProperty("getConvo").GetProperty("lastSeq").GetInt32());
    }

    [Fact]
    public async Task A_conversation_that_does_not_exist_is_NOT_FOUND()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");

        Assert.Equal("NOT_FOUND", await alice.ErrorCodeAsync(Operations.GetConvo, new { id = Guid.NewGuid().ToString("N") }));
    }

    [Fact]
    public async Task A_non_member_cannot_edit_delete_react_rename_catch_up_or_manage_members_and_nothing_changes()
    {
        var room = await Room.CreateAsync(host, 1);
        var (outsider, outsiderId) = await ChatUser.SignInAsync(host, "outsider");
        var message = await room.PostAsync(room.Owner, "members only");
        var id = message.GetProperty("id").GetString();
        var memberId = room.Members[0].Id;

        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.Update, new { id, text = "defaced", rev = message.GetProperty("rev").GetInt32() }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.Delete, new { id }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.AddReaction, new { id, emoji = "👎" }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.RemoveReaction, new { id, emoji = "👎" }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.Rename, new { id = room.Id, name = "pwned" }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.RemoveMember, new { c = room.Id, u = memberId }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.SetRole, new { c = room.Id, u = outsiderId, role = "OWNER" }));
        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(Room.ChangedMessages, new { id = room.Id, rev = 0 }));

        var state = await room.StateAsync();
        Assert.Equal(2, state.GetProperty("lastRev").GetInt32());
        Assert.Equal("room", state.GetProperty("name").GetString());
        Assert.Equal("members only", (await room.MessageAsync(id!)).GetProperty("content").GetString());
        Assert.Equal(2, state.GetProperty("members").GetArrayLength());
    }
}
