using System.Diagnostics;
using System.Text.Json;
using Chatt.Faults.Tests.Harness;

namespace Chatt.Faults.Tests.Faults;

/// <summary>
/// A third writer on the shared SQLite file (tests/SqliteWriter: the store as an instance uses it) killed with -9 in
/// the middle of its writes, while both instances keep writing through GraphQL.
/// </summary>
public sealed class WriterKillTests : IAsyncLifetime
{
    /// <summary>
    /// Messages the writer commits before it is killed. It publishes no events (it is the store alone), so the
    /// instances' feeds find its messages by the gaps they leave, one repair each: kept small so the repairs stay quick.
    /// </summary>
    private const int Written = 25;

    private readonly ProcessCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_writer_killed_mid_write_leaves_the_store_consistent_with_no_seq_or_rev_gap_and_every_acknowledged_message_at_every_client()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var room = await Room.CreateAsync(_cluster, "alice", "bob", "carol");
        var alice = room.Endpoints("alice", a)[0];
        // The writer's reactions go to a message of another conversation, so this one's revs are its messages' only.
        var other = (await alice.DataAsync(Room.CreateConvo, new { name = "reactions", members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString()!;
        var posted = (await alice.DataAsync("mutation($c: ID!) { createMessage(input: { messageConversationId: $c, content: \"react here\" }) { id rev } }", new { c = other })).GetProperty("createMessage");
        var (target, targetRev) = (posted.GetProperty("id").GetString()!, posted.GetProperty("rev").GetInt64());
        StreamClient[] clients = [room.Client("alice", a, b), room.Client("bob", a, b), room.Client("carol", b, a), room.Client("bob", b, a)];
        Poster[] posters = [room.Poster("alice", TimeSpan.FromMilliseconds(15), a, b), room.Poster("bob", TimeSpan.FromMilliseconds(15), b, a)];
        await using var run = await StreamRun.StartAsync(room.ConversationId, clients, posters);
        await run.FlowAsync(25);

        var (written, reactionsAcknowledged) = await KillWriterMidWriteAsync(room.ConversationId, room.IdOf("alice"), target, after: Written);
        await run.FlowAsync(40);
        var report = await run.FinishAsync(room.Endpoints("carol", b)[0], written);

        report.AssertNothingLost("kill -9 of a writer process mid-write");
        TestContext.Current.TestOutputHelper?.WriteLine($"  the writer acknowledged {written.Count} messages and {reactionsAcknowledged} reactions before kill -9");

        // Rev: every change of this conversation since its messages began took the next rev, none lost or doubled;
        // the other one's rev counts the target and each reaction that committed.
        var revs = await RevsAsync(alice, room.ConversationId);
        Assert.Equal(Enumerable.Range((int)revs.Messages[0], revs.Messages.Count).Select(r => (long)r), revs.Messages);
        Assert.Equal(revs.Last, revs.Messages[^1]);
        var reacted = (await alice.DataAsync("query($c: ID!) { getConvo(id: $c) { lastRev messages(limit: 1) { items { rev reactions { emoji } } } } }", new { c = other }))
            .GetProperty("getConvo");
        var targetNow = reacted.GetProperty("messages").GetProperty("items")[0];
        // Each message is followed by its reaction: the kill may fall between the two.
        Assert.InRange(targetNow.GetProperty("reactions").GetArrayLength(), reactionsAcknowledged, written.Count);
        Assert.Equal(reacted.GetProperty("lastRev").GetInt64(), targetNow.GetProperty("rev").GetInt64());
        Assert.Equal(targetRev + targetNow.GetProperty("reactions").GetArrayLength(), targetNow.GetProperty("rev").GetInt64());
    }

    [Fact]
    public async Task Messages_a_killed_writer_committed_last_without_any_bus_event_reach_every_live_client_without_a_later_message()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var room = await Room.CreateAsync(_cluster, "alice", "bob");
        var alice = room.Endpoints("alice", a)[0];
        var other = (await alice.DataAsync(Room.CreateConvo, new { name = "reactions", members = Array.Empty<string>() })).GetProperty("createConvo").GetProperty("id").GetString()!;
        var target = (await alice.DataAsync("mutation($c: ID!) { createMessage(input: { messageConversationId: $c, content: \"react here\" }) { id } }", new { c = other }))
            .GetProperty("createMessage").GetProperty("id").GetString()!;
        StreamClient[] clients = [room.Client("alice", a, b), room.Client("bob", b, a)];
        await using var run = await StreamRun.StartAsync(room.ConversationId, clients, [room.Poster("alice", TimeSpan.FromMilliseconds(15), a, b)]);
        await run.FlowAsync(20);

        // The stream is quiet when the writer commits its messages and dies: no later event reveals them.
        await run.StopPostingAsync();
        var (written, _) = await KillWriterMidWriteAsync(room.ConversationId, room.IdOf("alice"), target, after: 5);
        var report = await run.FinishAsync(room.Endpoints("bob", b)[0], written);

        report.AssertNothingLost("kill -9 of a writer whose messages end the stream");
        Assert.All(clients, c => Assert.Equal(0, c.Reconnects));
    }

    /// <summary>
    /// Starts the writer, reads its acknowledgements until <paramref name="after"/> messages, kills it; returns the
    /// acknowledged messages (id → seq) and how many reactions it acknowledged.
    /// </summary>
    private async Task<(Dictionary<string, long> Messages, int Reactions)> KillWriterMidWriteAsync(string conversationId, string authorId, string targetId, int after)
    {
        var goFile = Path.Combine(_cluster.Folder, "go");
        var start = new ProcessStartInfo(DotnetHost.Executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "SqliteWriter.dll"), $"Data Source={_cluster.DatabasePath}", conversationId, authorId, "100000", "w", goFile, targetId])
        {
            start.ArgumentList.Add(argument);
        }

        using var writer = Process.Start(start)!;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var revs = 0;
        void Acknowledge(string line)
        {
            switch (line.Split(' '))
            {
                case ["message", var id, var seq]:
                    written[id] = long.Parse(seq, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case ["rev", _]:
                    revs++;
                    break;
            }
        }

        try
        {
            Assert.Equal("ready", await writer.StandardOutput.ReadLineAsync(bound.Token));
            await File.WriteAllTextAsync(goFile, "go", bound.Token);
            while (written.Count < after && await writer.StandardOutput.ReadLineAsync(bound.Token) is { } line)
            {
                Acknowledge(line);
            }
        }
        finally
        {
            writer.Kill();
            await writer.WaitForExitAsync(CancellationToken.None);
        }

        // Lines printed before the kill but not read yet were acknowledged too.
        while (await writer.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            Acknowledge(line);
        }

        Assert.True(written.Count >= after, $"The writer stopped early: {await writer.StandardError.ReadToEndAsync()}");
        // Two revs per round (the message, then its reaction).
        return (written, revs - written.Count);
    }

    private static async Task<(List<long> Messages, long Last)> RevsAsync(ChatEndpoint reader, string conversationId)
    {
        var revs = new List<long>();
        string? next = null;
        JsonElement conversation;
        do
        {
            conversation = (await reader.DataAsync("query($c: ID!, $next: String) { getConvo(id: $c) { lastRev messages(changedAfterRev: 0, limit: 1000, nextToken: $next) { items { rev } nextToken } } }", new { c = conversationId, next }))
                .GetProperty("getConvo");
            var page = conversation.GetProperty("messages");
            revs.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("rev").GetInt64()));
            next = page.GetProperty("nextToken").ValueKind == JsonValueKind.String ? page.GetProperty("nextToken").GetString() : null;
        }
        while (next is not null);
        return (revs, conversation.GetProperty("lastRev").GetInt64());
    }
}
