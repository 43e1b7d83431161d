using System.Text.Json;
using Chatt.ChatApi.Live;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>onConversationEvent over WebSocket on one instance: live order, replay after a rev, and removal.</summary>
public sealed class ConversationEventTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    internal const string Subscription = """
        subscription($c: ID!, $after: Int) {
          onConversationEvent(conversationId: $c, afterRev: $after) {
            conversationId kind rev prevRev at emoji actor { id }
            message { id seq rev content deletedAt editedAt mentionsMe reactions { emoji count me } }
            link { convoLinkUserId role removedAt rev }
            conversation { id name lastRev myRole unreadCount }
          }
        }
        """;

    private LiveFeeds Feeds => host.Services.GetRequiredService<LiveFeeds>();

    private Task WaitForSubscribersAsync(string conversationId, int count) =>
        Eventually.HoldsAsync(() => Feeds.SubscriberCount(conversationId) >= count, $"{count} subscriber(s) on {conversationId}");

    private static async Task<JsonElement> NextEventAsync(GraphQLSocket socket, string id) =>
        (await socket.NextAsync(id)).GetProperty("onConversationEvent");

    [Fact]
    public async Task Every_change_arrives_live_in_rev_order_with_the_state_after_it_and_per_caller_fields_per_subscriber()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, _) = room.Members[0];
        await using var memberSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, member.Token);
        await using var ownerSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        var memberSub = await memberSocket.SubscribeAsync(Subscription, new { c = room.Id });
        var ownerSub = await ownerSocket.SubscribeAsync(Subscription, new { c = room.Id });
        await WaitForSubscribersAsync(room.Id, 2);
        var startRev = await room.LastRevAsync();

        var posted = await room.PostAsync(room.Owner, $"hello @{member.Name}");
        var id = posted.GetProperty("id").GetString()!;
        await room.Owner.DataAsync(Room.Update, new { id, text = "hello all", rev = posted.GetProperty("rev").GetInt32() });
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" });
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "renamed" });

        var events = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            events.Add(await NextEventAsync(memberSocket, memberSub));
        }

        Assert.Equal(["MESSAGE_CREATED", "MESSAGE_EDITED", "REACTION_ADDED", "CONVERSATION_UPDATED"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(Enumerable.Range(startRev + 1, 4), events.Select(e => e.GetProperty("rev").GetInt32()));
        Assert.Equal(Enumerable.Range(startRev, 4), events.Select(e => e.GetProperty("prevRev").GetInt32()));
        Assert.True(events[0].GetProperty("message").GetProperty("mentionsMe").GetBoolean(), "the member is mentioned");
        Assert.Equal("hello all", events[1].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("👍", events[2].GetProperty("emoji").GetString());
        var memberReaction = events[2].GetProperty("message").GetProperty("reactions")[0];
        Assert.Equal((1, false), (memberReaction.GetProperty("count").GetInt32(), memberReaction.GetProperty("me").GetBoolean()));
        Assert.Equal("renamed", events[3].GetProperty("conversation").GetProperty("name").GetString());
        Assert.Equal("MEMBER", events[3].GetProperty("conversation").GetProperty("myRole").GetString());
        Assert.Equal(1, events[3].GetProperty("conversation").GetProperty("unreadCount").GetInt32());

        var ownerEvents = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            ownerEvents.Add(await NextEventAsync(ownerSocket, ownerSub));
        }

        Assert.False(ownerEvents[0].GetProperty("message").GetProperty("mentionsMe").GetBoolean(), "the author is never mentioned by their own message");
        Assert.True(ownerEvents[2].GetProperty("message").GetProperty("reactions")[0].GetProperty("me").GetBoolean());
        Assert.Equal("OWNER", ownerEvents[3].GetProperty("conversation").GetProperty("myRole").GetString());
        Assert.Equal(0, ownerEvents[3].GetProperty("conversation").GetProperty("unreadCount").GetInt32());
        Assert.True(host.Services.GetRequiredService<RenderGroups>().SharedMemberCount >= 2, "both render through one shared group");
    }

    [Fact]
    public async Task A_client_that_resubscribes_with_afterRev_is_brought_exactly_up_to_date_and_then_continues_live()
    {
        var room = await Room.CreateAsync(host, 2);
        var (away, _) = room.Members[0];
        var (other, otherId) = room.Members[1];
        var kept = await room.PostAsync(room.Owner, "first");
        var seenRev = await room.LastRevAsync();

        // While the client is away: edit, delete, react, rename, and remove someone.
        var keptId = kept.GetProperty("id").GetString()!;
        await room.Owner.DataAsync(Room.Update, new { id = keptId, text = "first, edited", rev = kept.GetProperty("rev").GetInt32() });
        var doomed = await room.PostAsync(other, "oops");
        await other.DataAsync(Room.Delete, new { id = doomed.GetProperty("id").GetString() });
        await other.DataAsync(Room.AddReaction, new { id = keptId, emoji = "🎉" });
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "while away" });
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = otherId });
        var lastRev = await room.LastRevAsync();

        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, away.Token);
        var sub = await socket.SubscribeAsync(Subscription, new { c = room.Id, after = seenRev });
        var messages = new Dictionary<string, JsonElement>();
        var links = new Dictionary<string, JsonElement>();
        string? name = null;
        var revs = new List<int>();
        while (revs.Count == 0 || revs[^1] < lastRev)
        {
            var e = await NextEventAsync(socket, sub);
            revs.Add(e.GetProperty("rev").GetInt32());
            name = e.GetProperty("conversation").GetProperty("name").GetString();
            if (e.GetProperty("message") is { ValueKind: JsonValueKind.Object } m)
            {
                messages[m.GetProperty("id").GetString()!] = m;
            }

            if (e.GetProperty("link") is { ValueKind: JsonValueKind.Object } l)
            {
                links[l.GetProperty("convoLinkUserId").GetString()!] = l;
            }
        }

        Assert.Equal(revs.Order(), revs);
        Assert.Equal(revs.Distinct().Count(), revs.Count);
        Assert.Equal("while away", name);
        Assert.Equal("first, edited", messages[keptId].GetProperty("content").GetString());
        Assert.Equal(1, messages[keptId].GetProperty("reactions")[0].GetProperty("count").GetInt32());
        Assert.Equal("", messages[doomed.GetProperty("id").GetString()!].GetProperty("content").GetString());
        Assert.NotEqual(JsonValueKind.Null, messages[doomed.GetProperty("id").GetString()!].GetProperty("deletedAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, links[otherId].GetProperty("removedAt").ValueKind);

        // Exactly what the store says now, and live continues on the same stream with nothing repeated.
        var stored = (await away.DataAsync(Room.Messages, new { id = room.Id })).GetProperty("getConvo").GetProperty("messages").GetProperty("items");
        foreach (var message in stored.EnumerateArray().Where(m => m.GetProperty("rev").GetInt32() > seenRev))
        {
            Assert.Equal(message.GetProperty("content").GetString(), messages[message.GetProperty("id").GetString()!].GetProperty("content").GetString());
            Assert.Equal(message.GetProperty("rev").GetInt32(), messages[message.GetProperty("id").GetString()!].GetProperty("rev").GetInt32());
        }

        await WaitForSubscribersAsync(room.Id, 1);
        await room.PostAsync(room.Owner, "live again");
        var live = await NextEventAsync(socket, sub);
        Assert.Equal(("MESSAGE_CREATED", lastRev + 1), (live.GetProperty("kind").GetString(), live.GetProperty("rev").GetInt32()));
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_removed_member_gets_the_removal_then_FORBIDDEN_and_nothing_after_it()
    {
        var room = await Room.CreateAsync(host, 2);
        var (removed, removedId) = room.Members[0];
        var (stays, _) = room.Members[1];
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, removed.Token);
        await using var staysSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, stays.Token);
        var events = await socket.SubscribeAsync(Subscription, new { c = room.Id });
        var messages = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = room.Id });
        var staysSub = await staysSocket.SubscribeAsync(Subscription, new { c = room.Id });
        await WaitForSubscribersAsync(room.Id, 3);

        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = removedId });
        await room.PostAsync(room.Owner, "after the removal");

        var final = await NextEventAsync(socket, events);
        Assert.Equal("MEMBER_REMOVED", final.GetProperty("kind").GetString());
        Assert.Equal(removedId, final.GetProperty("link").GetProperty("convoLinkUserId").GetString());
        foreach (var id in new[] { events, messages })
        {
            var error = await socket.NextFrameAsync(id);
            Assert.Contains("FORBIDDEN", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("after the removal", error.ToString(), StringComparison.Ordinal);
            Assert.Equal("complete", (await socket.NextFrameAsync(id)).GetProperty("type").GetString());
        }

        Assert.Equal("MEMBER_REMOVED", (await NextEventAsync(staysSocket, staysSub)).GetProperty("kind").GetString());
        Assert.Equal("after the removal", (await NextEventAsync(staysSocket, staysSub)).GetProperty("message").GetProperty("content").GetString());
        var again = await socket.SubscribeAsync(Subscription, new { c = room.Id });
        Assert.Contains("FORBIDDEN", (await socket.NextFrameAsync(again)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_afterRev_is_bad_input_and_a_non_member_is_forbidden()
    {
        var room = await Room.CreateAsync(host, 1);
        var (stranger, _) = await ChatUser.SignInAsync(host, "stranger");
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        await using var strangerSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, stranger.Token);

        var negative = await socket.SubscribeAsync(Subscription, new { c = room.Id, after = -1 });
        var outsider = await strangerSocket.SubscribeAsync(Subscription, new { c = room.Id });

        Assert.Contains("BAD_USER_INPUT", (await socket.NextFrameAsync(negative)).ToString(), StringComparison.Ordinal);
        Assert.Contains("FORBIDDEN", (await strangerSocket.NextFrameAsync(outsider)).ToString(), StringComparison.Ordinal);
    }
}
