using System.Diagnostics;
using System.Globalization;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// The SQLite store's group commit (SqliteChatStore.GroupCommit.cs): concurrent appends share one transaction and
/// one fsync, yet each is answered with its own result only after the commit, failures stay with their own append,
/// and an acknowledged message survives the writer being killed.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteTempFolder folder) : IClassFixture<SqliteTempFolder>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Thirty_two_concurrent_posters_across_many_conversations_get_gap_free_seqs_without_duplicates()
    {
        var (store, alice, conversations) = await NewStoreWithConversationsAsync(folder.NewFile(), 12);
        const int posters = 32, perPoster = 40;

        var results = await Task.WhenAll(Enumerable.Range(0, posters).Select(poster => Task.Run(async () =>
        {
            var mine = new List<AppendResult>();
            for (var i = 0; i < perPoster; i++)
            {
                var message = NewMessage($"m{poster}-{i}", conversations[(poster * 7 + i) % conversations.Length], alice);
                mine.Add(await store.AppendMessageAsync(message, Ct));
                if (i % 10 == 0)
                {
                    // A client retrying the same id (its outbox replaying) is answered with the original.
                    var retried = await store.AppendMessageAsync(message, Ct);
                    Assert.False(retried.Created);
                    Assert.Equal(mine[^1].Message, retried.Message);
                }
            }

            return mine;
        }, Ct)));

        var acknowledged = results.SelectMany(r => r).ToList();
        Assert.All(acknowledged, r => Assert.True(r.Created));
        Assert.Equal(posters * perPoster, acknowledged.Select(r => r.Message.Id).Distinct().Count());
        foreach (var conversationId in conversations)
        {
            var stored = (await store.ListMessagesAsync(conversationId, null, new PageRequest(PageRequest.MaxLimit), Ct)).Items;
            var mine = acknowledged.Where(r => r.Message.ConversationId == conversationId).ToList();
            Assert.Equal(Enumerable.Range(1, mine.Count).Select(i => (long)i), stored.Select(m => m.Seq));
            Assert.Equal(Enumerable.Range(2, mine.Count).Select(i => (long)i), stored.Select(m => m.Rev));
            Assert.Equal(mine.Select(r => r.Message).OrderBy(m => m.Seq), stored);
            var conversation = (await store.GetConversationAsync(conversationId, Ct))!;
            Assert.Equal(mine.Count, conversation.LastSeq);
        }
    }

    [Fact]
    public async Task Appends_queued_behind_the_write_lock_commit_together_and_a_failing_one_fails_alone()
    {
        var file = folder.NewFile();
        var (store, alice, conversations) = await NewStoreWithConversationsAsync(file, 2);
        var elsewhere = await store.AppendMessageAsync(NewMessage("elsewhere", conversations[1], alice), Ct);
        var framesBefore = WalFrames(file);

        // Another connection holds the file's write lock, so every append below queues; they then commit as one batch.
        await using var blocker = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await blocker.OpenAsync(Ct);
        var hold = blocker.BeginTransaction(deferred: false);
        var appends = new List<Task<AppendResult>>();
        for (var i = 0; i < 40; i++)
        {
            appends.Add(store.AppendMessageAsync(i switch
            {
                10 => NewMessage("bad-conversation", "no-such-conversation", alice),
                20 => NewMessage("bad-reply", conversations[0], alice) with { ReplyToId = elsewhere.Message.Id },
                30 => NewMessage("bad-author", conversations[0], "no-such-user"),
                _ => NewMessage($"ok-{i}", conversations[0], alice),
            }, Ct));
        }

        await Task.Delay(200, Ct);
        Assert.All(appends, a => Assert.False(a.IsCompleted));
        hold.Rollback();
        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, Ct, TaskContinuationOptions.None, TaskScheduler.Default)));

        Assert.Equal(ErrorCodes.NotFound, Assert.IsType<ChatException>(appends[10].Exception?.InnerException).Code);
        Assert.Equal(ErrorCodes.BadUserInput, Assert.IsType<ChatException>(appends[20].Exception?.InnerException).Code);
        Assert.Equal(ErrorCodes.NotFound, Assert.IsType<ChatException>(appends[30].Exception?.InnerException).Code);
        var ok = appends.Where((_, i) => i is not (10 or 20 or 30)).Select(a => a.Result.Message).ToList();
        Assert.Equal(Enumerable.Range(1, 37).Select(i => (long)i), ok.Select(m => m.Seq));
        var stored = (await store.ListMessagesAsync(conversations[0], null, new PageRequest(PageRequest.MaxLimit), Ct)).Items;
        Assert.Equal(ok, stored);
        Assert.Null(await store.GetMessageAsync("bad-reply", Ct));
        Assert.Equal(37, (await store.GetConversationAsync(conversations[0], Ct))!.LastSeq);
        // One transaction per append writes the conversation's and the message's pages once per append (≥ 2 WAL
        // frames each); a group commit writes each touched page once per batch.
        Assert.InRange(WalFrames(file) - framesBefore, 1, ok.Count - 1);
    }

    [Fact]
    public async Task Every_acknowledged_append_survives_the_writer_being_killed_with_SIGKILL()
    {
        var file = folder.NewFile();
        var (_, alice, conversations) = await NewStoreWithConversationsAsync(file, 16);
        using var writer = StartBurstWriter(SqliteTempFolder.ConnectionString(file), alice, 32, conversations);
        var acks = new List<(string Id, string ConversationId, long Seq)>();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            Assert.Equal("ready", await writer.StandardOutput.ReadLineAsync(bound.Token));
            while (acks.Count < 2_000 && await writer.StandardOutput.ReadLineAsync(bound.Token) is { } line)
            {
                acks.Add(ParseAck(line));
            }
        }
        finally
        {
            // Process.Kill is SIGKILL on Unix: no finalizers, no flush, no orderly close of the database.
            writer.Kill(entireProcessTree: true);
        }

        // Acknowledgements already in the pipe when the process died count too: each was printed after its commit.
        var rest = await writer.StandardOutput.ReadToEndAsync(bound.Token);
        acks.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(ParseAck));
        await writer.WaitForExitAsync(bound.Token);
        Assert.True(acks.Count >= 2_000, $"only {acks.Count} acknowledgements before the kill: {await writer.StandardError.ReadToEndAsync(Ct)}");

        SqliteConnection.ClearAllPools();
        var reopened = new SqliteChatStore(SqliteTempFolder.ConnectionString(file), TimeProvider.System, new IdGenerator(TimeProvider.System));
        foreach (var (id, conversationId, seq) in acks)
        {
            var message = await reopened.GetMessageAsync(id, Ct);
            Assert.True(message is not null, $"acknowledged message {id} is gone after the kill");
            Assert.Equal((conversationId, seq), (message.ConversationId, message.Seq));
        }

        foreach (var conversationId in conversations)
        {
            var stored = (await reopened.ListMessagesAsync(conversationId, null, new PageRequest(PageRequest.MaxLimit), Ct)).Items;
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));
            Assert.Equal(stored.Count, (await reopened.GetConversationAsync(conversationId, Ct))!.LastSeq);
        }
    }

    private static async Task<(SqliteChatStore Store, string AuthorId, string[] Conversations)> NewStoreWithConversationsAsync(string file, int count)
    {
        var store = new SqliteChatStore(SqliteTempFolder.ConnectionString(file), TimeProvider.System, new IdGenerator(TimeProvider.System));
        await store.MigrateAsync(Ct);
        var (alice, _) = await store.ProvisionUserAsync("sub-alice", "alice", Ct);
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, count).Select(i => $"c{i}").ToArray();
        foreach (var id in ids)
        {
            await store.CreateConversationAsync(new Conversation { Id = id, Name = id, CreatedBy = alice.Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now }, [], Ct);
        }

        return (store, alice.Id, ids);
    }

    private static NewMessage NewMessage(string id, string conversationId, string authorId) => new()
    {
        Id = id, ConversationId = conversationId, AuthorId = authorId, Content = $"hello {id}", CreatedAt = DateTimeOffset.UtcNow,
    };

    // The WAL holds a 32-byte header, then one frame (24-byte header + one page) per page written by a commit.
    // Nothing here checkpoints it (the file stays far below the 1,000-page auto-checkpoint), so it only grows.
    private static long WalFrames(string file) => (new FileInfo(file + "-wal").Length - 32) / (24 + 4096);

    private static (string, string, long) ParseAck(string line)
    {
        var parts = line.Split(' ');
        Assert.Equal("ack", parts[0]);
        return (parts[1], parts[2], long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static Process StartBurstWriter(string connectionString, string authorId, int posters, string[] conversations)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "SqliteWriter.dll"), "burst", connectionString, authorId,
                     posters.ToString(CultureInfo.InvariantCulture), .. conversations])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start SqliteWriter.");
    }

    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";
}
