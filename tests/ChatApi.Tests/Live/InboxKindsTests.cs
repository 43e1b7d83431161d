using System.Text.Json;
using Chatt.ChatApi.Live;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>onInbox: today's events by default, the opted-in changes with their rev, and the web client's selection shared.</summary>
public sealed class InboxKindsTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    /// <summary>The web client's own subscription (src/Web/src/api/operations.ts), fragments and all.</summary>
    internal const string WebClientInbox = """
        fragment MessageFields on Message { id seq content createdAt messageConversationId authorId author { id username } }
        fragment ConvoSummary on Conversation {
          id name members lastSeq unreadCount lastActivityAt
          lastMessage { id seq content createdAt author { id username } }
        }
        subscription Inbox {
          onInbox { conversationId conversation { ...ConvoSummary } message { ...MessageFields } link { id } }
        }
        """;

    private const string KindsInbox = """
        subscription($kinds: [InboxEventKind!]) {
          onInbox(kinds: $kinds) { conversationId kind rev message { id content deletedAt mentionsMe } link { convoLinkUserId removedAt } conversation { name unreadCount } }
        }
        """;

    private static readonly string[] OptedKinds = ["MESSAGE_EDITED", "MESSAGE_DELETED", "REACTION_ADDED", "CONVERSATION_UPDATED", "MEMBER_REMOVED", "MENTIONED"];
    private static readonly string[] RemovalKinds = ["MESSAGE_CREATED", "MEMBER_REMOVED"];

    private LiveFeeds Feeds => host.Services.GetRequiredService<LiveFeeds>();

    private Task WaitForSubscribersAsync(string conversationId, int count) =>
        Eventually.HoldsAsync(() => Feeds.SubscriberCount(conversationId) >= count, $"{count} subscriber(s) on {conversationId}");

    [Fact]
    public async Task The_web_clients_selection_is_shared_and_each_subscriber_gets_its_own_unread_count()
    {
        var room = await Room.CreateAsync(host, 2);
        var (reader, _) = room.Members[0];
        var (poster, _) = room.Members[1];
        await using var readerSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, reader.Token);
        await using var posterSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, poster.Token);
        var readerSub = await readerSocket.SubscribeAsync(WebClientInbox);
        var posterSub = await posterSocket.SubscribeAsync(WebClientInbox);
        await WaitForSubscribersAsync(room.Id, 2);
        var sharedBefore = host.Services.GetRequiredService<RenderGroups>().SharedMemberCount;
        Assert.True(sharedBefore >= 2, "the web client's selection renders through a shared group");

        await room.PostAsync(poster, "one");
        await room.PostAsync(poster, "two");

        var readerEvents = new[] { (await readerSocket.NextAsync(readerSub)).GetProperty("onInbox"), (await readerSocket.NextAsync(readerSub)).GetProperty("onInbox") };
        var posterEvent = (await posterSocket.NextAsync(posterSub)).GetProperty("onInbox");
        Assert.Equal([1, 2], readerEvents.Select(e => e.GetProperty("conversation").GetProperty("unreadCount").GetInt32()));
        Assert.Equal(0, posterEvent.GetProperty("conversation").GetProperty("unreadCount").GetInt32());
        Assert.Equal("one", readerEvents[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(3, readerEvents[0].GetProperty("conversation").GetProperty("members").GetArrayLength());

        // The read mark moves (on any instance): the next count starts from it, still without a store read per event.
        await reader.DataAsync("mutation($c: ID!, $s: Int!) { markRead(conversationId: $c, seq: $s) { id } }", new { c = room.Id, s = 2 });
        await Eventually.HoldsAsync(() => Feeds.Find(room.Id)?.UnreadCount(room.Members[0].Id) == 0, "the feed heard the read mark");
        await room.PostAsync(poster, "three");
        Assert.Equal(1, (await readerSocket.NextAsync(readerSub)).GetProperty("onInbox").GetProperty("conversation").GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task Each_event_of_a_burst_carries_the_unread_count_as_of_that_message_not_of_the_newest()
    {
        var room = await Room.CreateAsync(host, 2);
        var (reader, _) = room.Members[0];
        var (poster, _) = room.Members[1];
        await using var readerSocket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, reader.Token);
        var readerSub = await readerSocket.SubscribeAsync(WebClientInbox);
        await WaitForSubscribersAsync(room.Id, 1);

        // Posted at once: the feed holds later messages before the first events are written out.
        const int burst = 20;
        await Task.WhenAll(Enumerable.Range(1, burst).Select(i => room.PostAsync(poster, $"burst {i}")));

        var counts = new List<(long Seq, int Unread)>();
        for (var i = 0; i < burst; i++)
        {
            var inbox = (await readerSocket.NextAsync(readerSub)).GetProperty("onInbox");
            counts.Add((inbox.GetProperty("message").GetProperty("seq").GetInt64(), inbox.GetProperty("conversation").GetProperty("unreadCount").GetInt32()));
        }

        Assert.Equal(Enumerable.Range(1, burst).Select(i => ((long)i, i)), counts);
    }

    [Fact]
    public async Task The_default_inbox_ignores_edits_while_an_opted_in_one_gets_edits_deletes_reactions_renames_and_removals_with_their_rev()
    {
        var room = await Room.CreateAsync(host, 2);
        var (member, _) = room.Members[0];
        var (leaver, leaverId) = room.Members[1];
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, member.Token);
        var plain = await socket.SubscribeAsync(KindsInbox);
        var opted = await socket.SubscribeAsync(KindsInbox, new { kinds = OptedKinds });
        await WaitForSubscribersAsync(room.Id, 2);

        var posted = await room.PostAsync(room.Owner, "plain");
        var id = posted.GetProperty("id").GetString()!;
        await room.PostAsync(room.Owner, $"hey @{member.Name}");
        await room.Owner.DataAsync(Room.Update, new { id, text = "edited", rev = posted.GetProperty("rev").GetInt32() });
        await room.Owner.DataAsync(Room.AddReaction, new { id, emoji = "👍" });
        await room.Owner.DataAsync(Room.Delete, new { id });
        await room.Owner.DataAsync(Room.Rename, new { id = room.Id, name = "new name" });
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = leaverId });
        var lastRev = await room.LastRevAsync();

        var got = new List<JsonElement>();
        for (var i = 0; i < 6; i++)
        {
            got.Add((await socket.NextAsync(opted)).GetProperty("onInbox"));
        }

        Assert.Equal(["MESSAGE_CREATED", "MESSAGE_EDITED", "REACTION_ADDED", "MESSAGE_DELETED", "CONVERSATION_UPDATED", "MEMBER_REMOVED"],
            got.Select(e => e.GetProperty("kind").GetString()));
        Assert.True(got[0].GetProperty("message").GetProperty("mentionsMe").GetBoolean(), "MENTIONED brings the message that mentions the caller");
        Assert.Equal(Enumerable.Range(lastRev - 5, 6), got.Select(e => e.GetProperty("rev").GetInt32()));
        Assert.Equal(leaverId, got[5].GetProperty("link").GetProperty("convoLinkUserId").GetString());

        var plainEvents = new[] { (await socket.NextAsync(plain)).GetProperty("onInbox"), (await socket.NextAsync(plain)).GetProperty("onInbox") };
        Assert.Equal(["plain", $"hey @{member.Name}"], plainEvents.Select(e => e.GetProperty("message").GetProperty("content").GetString()));
        Assert.True(await socket.StaysQuietAsync(plain, TimeSpan.FromMilliseconds(300)), "the default inbox carries no edits, reactions, deletions or renames");
    }

    [Fact]
    public async Task After_the_caller_is_removed_the_inbox_sends_the_removal_and_nothing_more_from_that_conversation()
    {
        var room = await Room.CreateAsync(host, 1);
        var (member, memberId) = room.Members[0];
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, member.Token);
        var inbox = await socket.SubscribeAsync(KindsInbox, new { kinds = RemovalKinds });
        await WaitForSubscribersAsync(room.Id, 1);

        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = memberId });
        await room.PostAsync(room.Owner, "not for you");

        var removal = (await socket.NextAsync(inbox)).GetProperty("onInbox");
        Assert.Equal(("MEMBER_REMOVED", memberId), (removal.GetProperty("kind").GetString(), removal.GetProperty("link").GetProperty("convoLinkUserId").GetString()));
        Assert.True(await socket.StaysQuietAsync(inbox, TimeSpan.FromMilliseconds(500)));
        await Eventually.HoldsAsync(() => Feeds.SubscriberCount(room.Id) == 0, "the inbox left the conversation's feed");
    }
}
