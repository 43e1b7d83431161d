using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>Seq, idempotent posts, catching up with afterSeq, read marks and the conversation list order.</summary>
public sealed class MessagingTests(ChatApiHost host) : IClassFixture<ChatApiHost>
{
    private const string Post = """
        mutation($id: ID, $c: ID!, $text: String!) { createMessage(input: { id: $id, messageConversationId: $c, content: $text }) { id seq authorId content } }
        """;

    private async Task<(ChatUser Alice, string AliceId, ChatUser Bob, string BobId, string ConvoId)> ArrangeAsync()
    {
        var (alice, aliceId) = await ChatUser.SignInAsync(host, "alice");
        var (bob, bobId) = await ChatUser.SignInAsync(host, "bob");
        var convoId = (await alice.DataAsync(Operations.CreateConvo, new { name = "pair", members = new[] { bob.Name } }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        return (alice, aliceId, bob, bobId, convoId);
    }

    [Fact]
    public async Task Messages_get_gap_free_increasing_seq_across_authors()
    {
        var (alice, _, bob, _, convoId) = await ArrangeAsync();

        var seqs = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var author = i % 2 == 0 ? alice : bob;
            seqs.Add((await author.DataAsync(Post, new { c = convoId, text = $"m{i}" })).GetProperty("createMessage").GetProperty("seq").GetInt32());
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], seqs);
    }

    [Fact]
    public async Task Concurrent_posts_get_distinct_gap_free_seq()
    {
        var (alice, _, bob, _, convoId) = await ArrangeAsync();

        var posts = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? alice : bob).DataAsync(Post, new { c = convoId, text = $"m{i}" }));
        var seqs = (await Task.WhenAll(posts)).Select(d => d.GetProperty("createMessage").GetProperty("seq").GetInt32()).Order();

        Assert.Equal(Enumerable.Range(1, 40), seqs);
    }

    [Fact]
    public async Task Posting_the_same_id_twice_returns_the_stored_message_and_writes_nothing()
    {
        var (alice, _, _, _, convoId) = await ArrangeAsync();
        var id = Guid.NewGuid().ToString();

        var first = (await alice.DataAsync(Post, new { id, c = convoId, text = "once" })).GetProperty("createMessage");
        var retry = (await alice.DataAsync(Post, new { id, c = convoId, text = "once, retried" })).GetProperty("createMessage");

        Assert.Equal(first.GetProperty("seq").GetInt32(), retry.GetProperty("seq").GetInt32());
        Assert.Equal("once", retry.GetProperty("content").GetString());
        var convo = await alice.DataAsync("query($id: ID!) { getConvo(id: $id) { lastSeq messages { items { id } } } }", new { id = convoId });
        Assert.Equal(1, convo.GetProperty("getConvo").GetProperty("lastSeq").GetInt32());
        Assert.Single(convo.GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Another_author_reusing_a_message_id_is_refused()
    {
        var (alice, _, bob, _, convoId) = await ArrangeAsync();
        var id = Guid.NewGuid().ToString();
        await alice.DataAsync(Post, new { id, c = convoId, text = "mine" });

        Assert.Equal("CONFLICT", await bob.ErrorCodeAsync(Post, new { id, c = convoId, text = "hijack" }));
    }

    [Fact]
    public async Task AfterSeq_returns_exactly_the_messages_a_client_missed()
    {
        var (alice, _, bob, _, convoId) = await ArrangeAsync();
        for (var i = 1; i <= 5; i++)
        {
            await alice.DataAsync(Post, new { c = convoId, text = $"m{i}" });
        }

        var missed = await bob.DataAsync("query($id: ID!) { getConvo(id: $id) { messages(afterSeq: 3) { items { seq content } nextToken } } }", new { id = convoId });

        var items = missed.GetProperty("getConvo").GetProperty("messages").GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([4, 5], items.Select(i => i.GetProperty("seq").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, missed.GetProperty("getConvo").GetProperty("messages").GetProperty("nextToken").ValueKind);
    }

    [Fact]
    public async Task Paging_newest_first_walks_all_messages_once()
    {
        var (alice, _, _, _, convoId) = await ArrangeAsync();
        for (var i = 1; i <= 7; i++)
        {
            await alice.DataAsync(Post, new { c = convoId, text = $"m{i}" });
        }

        var seen = new List<int>();
        string? token = null;
        do
        {
            var page = (await alice.DataAsync("query($id: ID!, $t: String) { getConvo(id: $id) { messages(sortDirection: DESC, limit: 3, nextToken: $t) { items { seq } nextToken } } }", new { id = convoId, t = token }))
                .GetProperty("getConvo").GetProperty("messages");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("seq").GetInt32()));
            token = page.GetProperty("nextToken").GetString();
        }
        while (token is not null);

        Assert.Equal([7, 6, 5, 4, 3, 2, 1], seen);
    }

    [Fact]
    public async Task Unread_count_and_last_message_follow_posts_and_markRead()
    {
        var (alice, _, bob, _, convoId) = await ArrangeAsync();
        await alice.DataAsync(Post, new { c = convoId, text = "one" });
        await alice.DataAsync(Post, new { c = convoId, text = "two" });
        await bob.DataAsync(Post, new { c = convoId, text = "mine" });
        const string Query = "query($id: ID!) { getConvo(id: $id) { unreadCount lastMessage { content seq } } }";

        var before = (await bob.DataAsync(Query, new { id = convoId })).GetProperty("getConvo");
        Assert.Equal(2, before.GetProperty("unreadCount").GetInt32());
        Assert.Equal("mine", before.GetProperty("lastMessage").GetProperty("content").GetString());

        await bob.DataAsync("mutation($id: ID!) { markRead(conversationId: $id, seq: 1) { id } }", new { id = convoId });
        Assert.Equal(1, (await bob.DataAsync(Query, new { id = convoId })).GetProperty("getConvo").GetProperty("unreadCount").GetInt32());

        await bob.DataAsync("mutation($id: ID!) { markRead(conversationId: $id, seq: 3) { id } }", new { id = convoId });
        await bob.DataAsync("mutation($id: ID!) { markRead(conversationId: $id, seq: 1) { id } }", new { id = convoId });
        Assert.Equal(0, (await bob.DataAsync(Query, new { id = convoId })).GetProperty("getConvo").GetProperty("unreadCount").GetInt32());
        Assert.Equal(1, (await alice.DataAsync(Query, new { id = convoId })).GetProperty("getConvo").GetProperty("unreadCount").GetInt32());
    }

    [Fact]
    public async Task MarkRead_beyond_the_last_message_is_refused()
    {
        var (alice, _, _, _, convoId) = await ArrangeAsync();
        await alice.DataAsync(Post, new { c = convoId, text = "one" });

        Assert.Equal("BAD_USER_INPUT", await alice.ErrorCodeAsync("mutation($id: ID!) { markRead(conversationId: $id, seq: 2) { id } }", new { id = convoId }));
    }

    [Fact]
    public async Task MyConvos_lists_the_most_recently_active_conversation_first()
    {
        var (alice, _) = await ChatUser.SignInAsync(host, "alice");
        var ids = new List<string>();
        foreach (var name in new[] { "first", "second", "third" })
        {
            ids.Add((await alice.DataAsync(Operations.CreateConvo, new { name, members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString()!);
        }

        await Task.Delay(5, TestContext.Current.CancellationToken); // activity times have millisecond precision
        await alice.DataAsync(Post, new { c = ids[0], text = "bump" });

        var names = (await alice.DataAsync("{ myConvos { items { name lastMessage { content } } } }"))
            .GetProperty("myConvos").GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
        Assert.Equal(["first", "third", "second"], names);
    }
}
