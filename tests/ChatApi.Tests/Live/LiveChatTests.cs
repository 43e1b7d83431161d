using Chatt.ChatApi.Live;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Infrastructure;
using Chatt.ChatApi.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>People chatting live over WebSocket on one instance: what arrives, in which order, and who is refused.</summary>
public sealed class LiveChatTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private const string Post = "mutation($c: ID!, $text: String!) { createMessage(input: { messageConversationId: $c, content: $text }) { id seq } }";

    private LiveFeeds Feeds => host.Services.GetRequiredService<LiveFeeds>();

    /// <summary>Until <paramref name="count"/> subscriptions listen to the conversation's feed on this instance.</summary>
    private Task WaitForSubscribersAsync(string conversationId, int count) =>
        Eventually.HoldsAsync(() => Feeds.SubscriberCount(conversationId) >= count,
            $"{count} subscriber(s) listen to conversation {conversationId}");

    /// <summary>Until the conversation's feed on this instance serves at least one subscription.</summary>
    private Task WaitForFeedAsync(string conversationId) => WaitForSubscribersAsync(conversationId, 1);

    private static async Task<string> CreateConvoAsync(ChatUser creator, params ChatUser[] others) =>
        (await creator.DataAsync(Operations.CreateConvo, new { name = "live", members = others.Select(o => o.Name).ToArray() }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;

    [Fact]
    public async Task Two_members_see_each_others_messages_live_in_seq_order()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var convoId = await CreateConvoAsync(alice, bob);
        await using var aliceSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, alice.Token);
        await using var bobSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);
        var aliceSub = await aliceSocket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        var bobSub = await bobSocket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        await WaitForSubscribersAsync(convoId, 2);

        await alice.DataAsync(Post, new { c = convoId, text = "hi bob" });
        await bob.DataAsync(Post, new { c = convoId, text = "hi alice" });

        foreach (var (socket, id) in new[] { (aliceSocket, aliceSub), (bobSocket, bobSub) })
        {
            var first = (await socket.NextAsync(id)).GetProperty("onCreateMessage");
            var second = (await socket.NextAsync(id)).GetProperty("onCreateMessage");
            Assert.Equal(("hi bob", 1), (first.GetProperty("content").GetString(), first.GetProperty("seq").GetInt32()));
            Assert.Equal(("hi alice", 2), (second.GetProperty("content").GetString(), second.GetProperty("seq").GetInt32()));
        }
    }

    [Fact]
    public async Task A_subscriber_gets_every_message_of_concurrent_writers_once_and_in_order()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var convoId = await CreateConvoAsync(alice, bob);
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);
        var sub = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        await WaitForSubscribersAsync(convoId, 1);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? alice : bob).DataAsync(Post, new { c = convoId, text = $"m{i}" })));

        var seqs = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            seqs.Add((await socket.NextAsync(sub)).GetProperty("onCreateMessage").GetProperty("seq").GetInt32());
        }

        Assert.Equal(Enumerable.Range(1, 30), seqs);
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_non_member_cannot_subscribe_to_a_conversation()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (carol, _) = await ChatUser.SignInAsync(host, "carol");
        var convoId = await CreateConvoAsync(alice);
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, carol.Token);

        var sub = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        var frame = await socket.NextFrameAsync(sub);
        await alice.DataAsync(Post, new { c = convoId, text = "private" });

        Assert.Contains("FORBIDDEN", frame.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("private", frame.ToString(), StringComparison.Ordinal);
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task The_inbox_carries_being_added_to_a_conversation_and_its_new_messages()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);
        var inbox = await socket.SubscribeAsync("subscription { onInbox { conversationId conversation { name } message { content seq author { username } } link { id } } }");
        // The inbox is live once the user topic is heard: retry creating until the link event arrives.
        string? convoId = null;
        System.Text.Json.JsonElement added = default;
        await Eventually.HoldsAsync(async () =>
        {
            convoId = await CreateConvoAsync(alice, bob);
            try
            {
                added = (await socket.NextAsync(inbox, TimeSpan.FromMilliseconds(500))).GetProperty("onInbox");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "the inbox hears bob being added");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, added.GetProperty("link").ValueKind);
        convoId = added.GetProperty("conversationId").GetString()!;
        await WaitForFeedAsync(convoId);

        await alice.DataAsync(Post, new { c = convoId, text = "welcome" });

        var message = (await socket.NextAsync(inbox)).GetProperty("onInbox");
        Assert.Equal(convoId, message.GetProperty("conversationId").GetString());
        Assert.Equal("welcome", message.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(alice.Name, message.GetProperty("message").GetProperty("author").GetProperty("username").GetString());
    }

    [Fact]
    public async Task OnCreateConvoLink_is_allowed_only_for_the_callers_own_id()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var (bob, bobId) = await ChatUser.SignInAsync(host, "bob");
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);

        var someoneElse = await socket.SubscribeAsync(Operations.OnCreateConvoLink, new { convoLinkUserId = aliceId });
        Assert.Contains("FORBIDDEN", (await socket.NextFrameAsync(someoneElse)).ToString(), StringComparison.Ordinal);

        var own = await socket.SubscribeAsync(Operations.OnCreateConvoLink, new { convoLinkUserId = bobId });
        System.Text.Json.JsonElement link = default;
        await Eventually.HoldsAsync(async () =>
        {
            await CreateConvoAsync(alice, bob);
            try
            {
                link = (await socket.NextAsync(own, TimeSpan.FromMilliseconds(500))).GetProperty("onCreateConvoLink");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "bob hears his own new link");
        Assert.Equal(bobId, link.GetProperty("convoLinkUserId").GetString());
        Assert.Equal("live", link.GetProperty("conversation").GetProperty("name").GetString());
    }

    [Fact]
    public async Task OnCreateUser_announces_users_on_their_first_request()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, alice.Token);
        var sub = await socket.SubscribeAsync(Operations.OnCreateUser);

        var names = new List<string>();
        System.Text.Json.JsonElement announced = default;
        await Eventually.HoldsAsync(async () =>
        {
            var (newcomer, _) = await ChatUser.SignInAsync(host, "newcomer");
            names.Add(newcomer.Name);
            try
            {
                announced = (await socket.NextAsync(sub, TimeSpan.FromMilliseconds(500))).GetProperty("onCreateUser");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "a newcomer is announced");

        Assert.Contains(announced.GetProperty("username").GetString(), names);
    }

    [Fact]
    public async Task Subscribers_asking_for_the_same_selection_share_one_execution_and_each_gets_every_message()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var (carol, _) = await ChatUser.SignInAsync(host, "carol");
        var convoId = await CreateConvoAsync(alice, bob, carol);
        const string Selection = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { seq content author { username } } }";
        var sockets = new List<(GraphQLSocket Socket, string Id)>();
        try
        {
            foreach (var user in new[] { alice, bob, carol })
            {
                var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, user.Token);
                sockets.Add((socket, await socket.SubscribeAsync(Selection, new { c = convoId })));
            }

            await WaitForSubscribersAsync(convoId, 3);
            var groups = host.Services.GetRequiredService<RenderGroups>();
            var sharedBefore = groups.SharedMemberCount;
            Assert.True(sharedBefore >= 3, "the three subscribers render through one shared group");

            await bob.DataAsync(Post, new { c = convoId, text = "shared" });

            foreach (var (socket, id) in sockets)
            {
                var message = (await socket.NextAsync(id)).GetProperty("onCreateMessage");
                Assert.Equal("shared", message.GetProperty("content").GetString());
                Assert.Equal(bob.Name, message.GetProperty("author").GetProperty("username").GetString());
            }
        }
        finally
        {
            foreach (var (socket, _) in sockets)
            {
                await socket.DisposeAsync();
            }
        }

        await Eventually.HoldsAsync(() => Feeds.SubscriberCount(convoId) == 0 && Feeds.Find(convoId) is null, "the feed ends with its last subscriber");
    }

    [Fact]
    public async Task A_selection_with_per_caller_fields_answers_for_each_caller()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var convoId = await CreateConvoAsync(alice, bob);
        const string Selection = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { seq conversation { unreadCount } } }";
        await using var aliceSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, alice.Token);
        await using var bobSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);
        var aliceSub = await aliceSocket.SubscribeAsync(Selection, new { c = convoId });
        var bobSub = await bobSocket.SubscribeAsync(Selection, new { c = convoId });
        await WaitForSubscribersAsync(convoId, 2);

        await alice.DataAsync(Post, new { c = convoId, text = "count me" });

        Assert.Equal(0, (await aliceSocket.NextAsync(aliceSub)).GetProperty("onCreateMessage").GetProperty("conversation").GetProperty("unreadCount").GetInt32());
        Assert.Equal(1, (await bobSocket.NextAsync(bobSub)).GetProperty("onCreateMessage").GetProperty("conversation").GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task A_selection_reaching_an_unmarked_per_caller_field_renders_for_each_caller_on_its_own()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var (bob, _) = await ChatUser.SignInAsync(host, "bob");
        var convoId = await CreateConvoAsync(alice, bob);
        // User.messages belongs to that user alone and carries no sharing mark: sharing it would show bob's answer to alice.
        const string Selection = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { seq author { messages { items { content } } } } }";
        await using var aliceSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, alice.Token);
        await using var bobSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, bob.Token);
        var sharedBefore = host.Services.GetRequiredService<RenderGroups>().SharedMemberCount;
        var aliceSub = await aliceSocket.SubscribeAsync(Selection, new { c = convoId });
        var bobSub = await bobSocket.SubscribeAsync(Selection, new { c = convoId });
        await WaitForSubscribersAsync(convoId, 2);
        Assert.Equal(sharedBefore, host.Services.GetRequiredService<RenderGroups>().SharedMemberCount);

        await bob.DataAsync(Post, new { c = convoId, text = "bobs-own-words" });

        var bobFrame = (await bobSocket.NextFrameAsync(bobSub)).ToString();
        var aliceFrame = (await aliceSocket.NextFrameAsync(aliceSub)).ToString();
        Assert.Contains("bobs-own-words", bobFrame, StringComparison.Ordinal);
        Assert.DoesNotContain("bobs-own-words", aliceFrame, StringComparison.Ordinal);
        Assert.Contains("FORBIDDEN", aliceFrame, StringComparison.Ordinal);
    }
}
