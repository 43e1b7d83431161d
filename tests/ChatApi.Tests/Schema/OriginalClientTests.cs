using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>The original app's operations, sent as that client sends them, validate and do what it expects.</summary>
public sealed class OriginalClientTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    [Fact]
    public async Task CreateUser_sets_the_callers_username_and_returns_id_username_and_createdAt()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var wanted = "Alice" + Guid.NewGuid().ToString("N")[..6];

        var data = await alice.DataAsync(Operations.CreateUser, new { username = wanted });

        var user = data.GetProperty("createUser");
        Assert.Equal(aliceId, user.GetProperty("id").GetString());
        Assert.Equal(wanted, user.GetProperty("username").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", user.GetProperty("createdAt").GetString());
        var me = await alice.DataAsync("{ me { username } }");
        Assert.Equal(wanted, me.GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_original_three_call_conversation_sequence_works_and_creates_no_duplicate_links()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var (bob, bobId) = await ChatUser.SignInAsync(host, "bob");

        var convo = (await alice.DataAsync(Operations.CreateConvo, new { name = "lunch", members = new[] { alice.Name, bob.Name } })).GetProperty("createConvo");
        var convoId = convo.GetProperty("id").GetString();
        Assert.Equal("lunch", convo.GetProperty("name").GetString());
        Assert.Equal([alice.Name, bob.Name], convo.GetProperty("members").EnumerateArray().Select(m => m.GetString()).Order());

        // The original client then linked each member itself; both links already exist.
        var first = (await alice.DataAsync(Operations.CreateConvoLink, new { convoLinkConversationId = convoId, convoLinkUserId = aliceId })).GetProperty("createConvoLink");
        var second = (await alice.DataAsync(Operations.CreateConvoLink, new { convoLinkConversationId = convoId, convoLinkUserId = bobId })).GetProperty("createConvoLink");
        Assert.Equal(bobId, second.GetProperty("convoLinkUserId").GetString());
        Assert.Equal(convoId, second.GetProperty("convoLinkConversationId").GetString());
        Assert.Equal("lunch", second.GetProperty("conversation").GetProperty("name").GetString());

        var associated = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { associated { items { id convoLinkUserId } } } }", new { id = convoId });
        var links = associated.GetProperty("getConvo").GetProperty("associated").GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, links.Length);
        Assert.Contains(links, l => l.GetProperty("id").GetString() == first.GetProperty("id").GetString());
        Assert.Contains(links, l => l.GetProperty("id").GetString() == second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task CreateMessage_with_the_original_input_is_stored_and_read_back_by_getConvo()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "notes", members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString();
        var messageId = Guid.NewGuid().ToString();

        var created = (await alice.DataAsync(Operations.CreateMessage, new
        {
            createdAt = "2019-03-01T10:00:00.000Z",
            id = messageId,
            content = "hello",
            messageConversationId = convoId,
            authorId = aliceId,
        })).GetProperty("createMessage");

        Assert.Equal(messageId, created.GetProperty("id").GetString());
        Assert.Equal("hello", created.GetProperty("content").GetString());
        Assert.Equal(aliceId, created.GetProperty("authorId").GetString());
        Assert.Equal(convoId, created.GetProperty("messageConversationId").GetString());
        Assert.NotEqual("2019-03-01T10:00:00.000Z", created.GetProperty("createdAt").GetString());

        var convo = (await alice.DataAsync(Operations.GetConvo, new { id = convoId })).GetProperty("getConvo");
        var message = Assert.Single(convo.GetProperty("messages").GetProperty("items").EnumerateArray());
        Assert.Equal(messageId, message.GetProperty("id").GetString());
        Assert.Equal([alice.Name], convo.GetProperty("members").EnumerateArray().Select(m => m.GetString()));

        var clientTime = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { messages { items { clientCreatedAt seq } } } }", new { id = convoId });
        var stored = clientTime.GetProperty("getConvo").GetProperty("messages").GetProperty("items")[0];
        Assert.Equal("2019-03-01T10:00:00.000Z", stored.GetProperty("clientCreatedAt").GetString());
        Assert.Equal(1, stored.GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task GetUser_with_conversations_lists_the_callers_own_conversations()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "mine", members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString();

        var user = (await alice.DataAsync(Operations.GetUserAndConversations, new { id = aliceId })).GetProperty("getUser");

        var link = Assert.Single(user.GetProperty("conversations").GetProperty("items").EnumerateArray());
        Assert.Equal(convoId, link.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("mine", link.GetProperty("conversation").GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetUser_and_listUsers_show_other_users_public_profiles()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, bobId) = await ChatUser.SignInAsync(host, "bob");

        var profile = (await alice.DataAsync(Operations.GetUser, new { id = bobId })).GetProperty("getUser");
        Assert.Equal(bob.Name, profile.GetProperty("username").GetString());

        var users = (await alice.DataAsync(Operations.ListUsers)).GetProperty("listUsers").GetProperty("items").EnumerateArray();
        Assert.Contains(users, u => u.GetProperty("id").GetString() == bobId && u.GetProperty("username").GetString() == bob.Name);
    }
}
