using System.Text.Json;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>
/// Two ChatApi instances on one SQLite file and one real nats-server: a person connected to instance A sees,
/// live and in order, what others post through instance B — also across a NATS outage.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const string Post = "mutation($c: ID!, $text: String!) { createMessage(input: { messageConversationId: $c, content: $text }) { id seq } }";

    private readonly TwoInstanceCluster _cluster = new();

    private ClusterNode A => _cluster.A;
    private ClusterNode B => _cluster.B;

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private static async Task<string> CreateConvoAsync(ChatUser creator, params ChatUser[] others) =>
        (await creator.DataAsync(Operations.CreateConvo, new { name = "cluster", members = others.Select(o => o.Name).ToArray() }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;

    /// <summary>
    /// Posts probes through <paramref name="poster"/> until the subscriber hears one: from then on the subscription
    /// is live end to end (local feed and the instance's NATS interest). Returns the seqs heard so far.
    /// </summary>
    private static async Task<List<int>> ProbeUntilLiveAsync(ChatUser poster, string convoId, GraphQLSocket socket, string subscription)
    {
        var heard = new List<int>();
        await Eventually.HoldsAsync(async () =>
        {
            await poster.DataAsync(Post, new { c = convoId, text = "probe" });
            try
            {
                heard.Add((await socket.NextAsync(subscription, TimeSpan.FromMilliseconds(500))).GetProperty("onCreateMessage").GetProperty("seq").GetInt32());
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "the subscriber on A hears a probe posted through B", TimeSpan.FromSeconds(20));
        return heard;
    }

    private static async Task ReadUntilAsync(GraphQLSocket socket, string subscription, List<int> heard, int lastSeq)
    {
        while (heard[^1] < lastSeq)
        {
            heard.Add((await socket.NextAsync(subscription, TimeSpan.FromSeconds(15))).GetProperty("onCreateMessage").GetProperty("seq").GetInt32());
        }
    }

    private static void AssertContiguous(List<int> heard, int lastSeq)
    {
        Assert.Equal(Enumerable.Range(heard[0], lastSeq - heard[0] + 1), heard);
    }

    private const string Removal = """
        mutation($c: ID!, $u: ID) { deleteConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u }) { rev removedAt } }
        """;

    /// <summary>A member on A with both conversation subscriptions, live end to end; returns the socket and the two ids.</summary>
    private async Task<(GraphQLSocket Socket, string Events, string Messages)> SubscribeMemberOnAAsync(ChatUser ownerOnB, ChatUser memberOnA, string convoId)
    {
        var socket = await GraphQLSocket.ConnectAsync(A.WebSocketUri, memberOnA.Token);
        var events = await socket.SubscribeAsync(ConversationEventTests.Subscription, new { c = convoId });
        var messages = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        await ProbeUntilLiveAsync(ownerOnB, convoId, socket, messages);
        while (await socket.TryNextFrameAsync(events, TimeSpan.FromMilliseconds(300)) is not null)
        {
            // the probes' own events
        }

        return (socket, events, messages);
    }

    /// <summary>Reads the operation's frames until it ends; fails if any carries <paramref name="forbiddenText"/>.</summary>
    private static async Task<List<JsonElement>> FramesUntilEndAsync(GraphQLSocket socket, string id, string forbiddenText)
    {
        var frames = new List<JsonElement>();
        while (true)
        {
            var frame = await socket.NextFrameAsync(id, TimeSpan.FromSeconds(5));
            Assert.DoesNotContain(forbiddenText, frame.ToString(), StringComparison.Ordinal);
            frames.Add(frame);
            if (frame.GetProperty("type").GetString() is "complete" or "error" or "closed")
            {
                return frames;
            }
        }
    }

    [Fact]
    public async Task A_member_removed_through_another_instance_gets_the_removal_then_FORBIDDEN_within_a_second()
    {
        var (owner, _) = await ChatUser.SignInAsync(B, "owner");
        var (memberOnA, memberId) = await ChatUser.SignInAsync(A, "member");
        var convoId = await CreateConvoAsync(owner, memberOnA);
        var (socket, events, messages) = await SubscribeMemberOnAAsync(owner, memberOnA, convoId);
        await using var _ = socket;

        var removedAt = System.Diagnostics.Stopwatch.StartNew();
        await owner.DataAsync(Removal, new { c = convoId, u = memberId });
        await owner.DataAsync(Post, new { c = convoId, text = "after the removal" });

        var eventFrames = await FramesUntilEndAsync(socket, events, "after the removal");
        Assert.True(removedAt.Elapsed < TimeSpan.FromSeconds(1), $"ended after {removedAt.Elapsed}");
        Assert.Contains("MEMBER_REMOVED", eventFrames[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(eventFrames, f => f.ToString().Contains("FORBIDDEN", StringComparison.Ordinal));
        var messageFrames = await FramesUntilEndAsync(socket, messages, "after the removal");
        Assert.Contains(messageFrames, f => f.ToString().Contains("FORBIDDEN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_removal_whose_bus_event_is_lost_still_ends_the_subscriptions_on_the_other_instance_and_nothing_after_it_arrives()
    {
        var (owner, _) = await ChatUser.SignInAsync(B, "owner");
        var (memberOnA, memberId) = await ChatUser.SignInAsync(A, "member");
        var convoId = await CreateConvoAsync(owner, memberOnA);
        var (socket, events, messages) = await SubscribeMemberOnAAsync(owner, memberOnA, convoId);
        await using var _ = socket;

        // Committed on B without its event ever reaching the bus, as if NATS had dropped it; then a post that is published.
        var store = B.Services.GetRequiredService<Chatt.ChatApi.Storage.IChatStore>();
        var removedAt = System.Diagnostics.Stopwatch.StartNew();
        await store.RemoveLinkAsync(convoId, memberId, DateTimeOffset.UtcNow, CancellationToken.None);
        await owner.DataAsync(Post, new { c = convoId, text = "after the lost removal" });

        var eventFrames = await FramesUntilEndAsync(socket, events, "after the lost removal");
        Assert.Contains("MEMBER_REMOVED", eventFrames[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(eventFrames, f => f.ToString().Contains("FORBIDDEN", StringComparison.Ordinal));
        var messageFrames = await FramesUntilEndAsync(socket, messages, "after the lost removal");
        Assert.Contains(messageFrames, f => f.ToString().Contains("FORBIDDEN", StringComparison.Ordinal));
        Assert.True(removedAt.Elapsed < TimeSpan.FromSeconds(1.5), $"ended after {removedAt.Elapsed}");
    }

    [Fact]
    public async Task A_lost_removal_with_nothing_after_it_is_found_by_the_tail_check()
    {
        var (owner, _) = await ChatUser.SignInAsync(B, "owner");
        var (memberOnA, memberId) = await ChatUser.SignInAsync(A, "member");
        var convoId = await CreateConvoAsync(owner, memberOnA);
        var (socket, events, _) = await SubscribeMemberOnAAsync(owner, memberOnA, convoId);
        await using var _ = socket;

        var removedAt = System.Diagnostics.Stopwatch.StartNew();
        await B.Services.GetRequiredService<Chatt.ChatApi.Storage.IChatStore>().RemoveLinkAsync(convoId, memberId, DateTimeOffset.UtcNow, CancellationToken.None);

        var eventFrames = await FramesUntilEndAsync(socket, events, "never");
        Assert.Contains("MEMBER_REMOVED", eventFrames[0].ToString(), StringComparison.Ordinal);
        Assert.Contains(eventFrames, f => f.ToString().Contains("FORBIDDEN", StringComparison.Ordinal));
        // Found by the idle feed's lastRev check (Live:TailCheckInterval, 750 ms) plus one repair read; the bound leaves
        // room for a loaded test machine (measured 2.2 s with the whole suite running on 2 shared cores).
        Assert.True(removedAt.Elapsed < TimeSpan.FromSeconds(4), $"ended after {removedAt.Elapsed}");
    }

    [Fact]
    public async Task A_subscriber_on_one_instance_receives_every_message_posted_through_another_in_seq_order()
    {
        var (alice, _) = await ChatUser.SignInAsync(B, "alice");
        var (bobOnA, _) = await ChatUser.SignInAsync(A, "bob");
        var aliceOnB = alice;
        var convoId = await CreateConvoAsync(aliceOnB, bobOnA);
        await using var socket = await GraphQLSocket.ConnectAsync(A.WebSocketUri, bobOnA.Token);
        var sub = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        var heard = await ProbeUntilLiveAsync(aliceOnB, convoId, socket, sub);

        // Writers on both instances at once: the seqs interleave across processes' publishes.
        var aliceOnA = new ChatUser(A, alice.Name);
        var posts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? aliceOnB : aliceOnA).DataAsync(Post, new { c = convoId, text = $"m{i}" })));
        var lastSeq = posts.Max(p => p.GetProperty("createMessage").GetProperty("seq").GetInt32());
        await ReadUntilAsync(socket, sub, heard, lastSeq);

        AssertContiguous(heard, lastSeq);
        Assert.True(await socket.StaysQuietAsync(sub, TimeSpan.FromMilliseconds(300)), "no duplicates after the last seq");
    }

    [Fact]
    public async Task The_inbox_and_new_users_cross_instances()
    {
        var (alice, _) = await ChatUser.SignInAsync(B, "alice");
        var (bob, _) = await ChatUser.SignInAsync(A, "bob");
        await using var socket = await GraphQLSocket.ConnectAsync(A.WebSocketUri, bob.Token);
        var inbox = await socket.SubscribeAsync("subscription { onInbox { conversationId message { content } link { id } } }");
        var users = await socket.SubscribeAsync(Operations.OnCreateUser);

        JsonElement added = default;
        await Eventually.HoldsAsync(async () =>
        {
            await CreateConvoAsync(alice, bob);
            try
            {
                added = (await socket.NextAsync(inbox, TimeSpan.FromMilliseconds(500))).GetProperty("onInbox");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "bob's inbox on A hears alice adding him through B", TimeSpan.FromSeconds(20));
        var convoId = added.GetProperty("conversationId").GetString()!;

        JsonElement message = default;
        await Eventually.HoldsAsync(async () =>
        {
            await alice.DataAsync(Post, new { c = convoId, text = "across" });
            try
            {
                do
                {
                    message = (await socket.NextAsync(inbox, TimeSpan.FromMilliseconds(500))).GetProperty("onInbox");
                }
                while (message.GetProperty("message").ValueKind == JsonValueKind.Null);
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "bob's inbox on A hears a message posted through B", TimeSpan.FromSeconds(20));
        Assert.Equal("across", message.GetProperty("message").GetProperty("content").GetString());

        var newcomers = new List<string>();
        JsonElement announced = default;
        await Eventually.HoldsAsync(async () =>
        {
            var (newcomer, _) = await ChatUser.SignInAsync(B, "newcomer");
            newcomers.Add(newcomer.Name);
            try
            {
                announced = (await socket.NextAsync(users, TimeSpan.FromMilliseconds(500))).GetProperty("onCreateUser");
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "a user provisioned on B is announced on A", TimeSpan.FromSeconds(20));
        Assert.Contains(announced.GetProperty("username").GetString(), newcomers);
    }

    [Fact]
    public async Task Stopping_and_restarting_NATS_mid_stream_loses_no_message_from_the_clients_view()
    {
        var (alice, _) = await ChatUser.SignInAsync(B, "alice");
        var (bob, _) = await ChatUser.SignInAsync(A, "bob");
        var convoId = await CreateConvoAsync(alice, bob);
        await using var socket = await GraphQLSocket.ConnectAsync(A.WebSocketUri, bob.Token);
        var sub = await socket.SubscribeAsync(Operations.OnCreateMessage, new { messageConversationId = convoId });
        var heard = await ProbeUntilLiveAsync(alice, convoId, socket, sub);
        for (var i = 0; i < 5; i++)
        {
            await alice.DataAsync(Post, new { c = convoId, text = $"before {i}" });
        }

        await _cluster.Nats.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            await alice.DataAsync(Post, new { c = convoId, text = $"during {i}" });
        }

        var lastSeq = (await bob.DataAsync("query($id: ID!) { getConvo(id: $id) { lastSeq } }", new { id = convoId })).GetProperty("getConvo").GetProperty("lastSeq").GetInt32();

        // No further traffic is needed: when A's bus reconnects, its feed reads what it missed from the store.
        await _cluster.Nats.StartAgainAsync(TestContext.Current.CancellationToken);
        await ReadUntilAsync(socket, sub, heard, lastSeq);

        // What the client did not hear live it fetches with afterSeq; together they must be every seq once, in order.
        var live = heard.Distinct().Order().ToList();
        var fetched = (await bob.DataAsync("query($id: ID!, $after: Int) { getConvo(id: $id) { messages(afterSeq: $after) { items { seq } } } }", new { id = convoId, after = heard[0] }))
            .GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray().Select(m => m.GetProperty("seq").GetInt32());
        var view = live.Union(fetched).Order().ToList();
        Assert.Equal(Enumerable.Range(heard[0], lastSeq - heard[0] + 1), view);
        Assert.Equal(heard.Count, heard.Distinct().Count());
        AssertContiguous(heard, lastSeq);
    }
}
