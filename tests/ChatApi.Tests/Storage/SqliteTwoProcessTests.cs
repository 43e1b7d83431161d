using System.Diagnostics;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// Two OS processes append to and react in one SQLite file at once (tests/SqliteWriter, started twice): seq and rev
/// must stay gap-free across them, which only holds if the counters and the writes share one write lock.
/// </summary>
public sealed class SqliteTwoProcessTests(SqliteTempFolder folder) : IClassFixture<SqliteTempFolder>
{
    private const int PerProcess = 200;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Appends_and_reactions_from_two_processes_keep_seq_and_rev_gap_free()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = folder.NewFile();
        var connectionString = SqliteTempFolder.ConnectionString(file);
        var store = new Chatt.ChatApi.Storage.Sqlite.SqliteChatStore(connectionString, TimeProvider.System, new IdGenerator(TimeProvider.System));
        await store.MigrateAsync(ct);
        var (alice, _) = await store.ProvisionUserAsync("sub-alice", "alice", ct);
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation { Id = "c1", Name = "shared", CreatedBy = alice.Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
        await store.CreateConversationAsync(conversation, [], ct);
        var target = await store.AppendMessageAsync(new Chatt.ChatApi.Messages.NewMessage
        {
            Id = "target", ConversationId = "c1", AuthorId = alice.Id, Content = "react here", CreatedAt = now,
        }, ct);
        var goFile = Path.Combine(folder.Path, $"go-{Guid.NewGuid():N}");

        using var first = StartWriter(connectionString, conversation.Id, alice.Id, "p1", goFile, target.Message.Id);
        using var second = StartWriter(connectionString, conversation.Id, alice.Id, "p2", goFile, target.Message.Id);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        string[] outputs = [];
        bound.CancelAfter(Bound);
        try
        {
            Assert.Equal("ready", await first.StandardOutput.ReadLineAsync(bound.Token));
            Assert.Equal("ready", await second.StandardOutput.ReadLineAsync(bound.Token));
            await File.WriteAllTextAsync(goFile, "go", bound.Token);
            outputs = await Task.WhenAll(first.StandardOutput.ReadToEndAsync(bound.Token), second.StandardOutput.ReadToEndAsync(bound.Token));
            await Task.WhenAll(first.WaitForExitAsync(bound.Token), second.WaitForExitAsync(bound.Token));
        }
        finally
        {
            Stop(first);
            Stop(second);
        }

        Assert.True(first.ExitCode == 0, "writer 1 failed: " + await first.StandardError.ReadToEndAsync(ct));
        Assert.True(second.ExitCode == 0, "writer 2 failed: " + await second.StandardError.ReadToEndAsync(ct));

        var messages = (await store.ListMessagesAsync(conversation.Id, null, new PageRequest(PageRequest.MaxLimit), ct)).Items.Skip(1).ToList();
        Assert.Equal(Enumerable.Range(2, 2 * PerProcess).Select(i => (long)i), messages.Select(m => m.Seq));
        var stored = (await store.GetConversationAsync(conversation.Id, ct))!;
        Assert.Equal(1 + 2 * PerProcess, stored.LastSeq);
        // Rev 1 is the creation, 2 the target message; then each writer's appends and reactions, two revs per round.
        var revs = outputs.Select(o => o.Split('\n').Where(l => l.StartsWith("rev ", StringComparison.Ordinal)).Select(l => long.Parse(l[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
        Assert.Equal(Enumerable.Range(3, 4 * PerProcess).Select(i => (long)i), revs.SelectMany(r => r).Order());
        Assert.All(revs, r => Assert.Equal(r.Order(), r));
        Assert.Equal(2 + 4 * PerProcess, stored.LastRev);
        Assert.Equal(2 * PerProcess, (await store.GetMessageAsync("target", ct))!.Reactions.Count);
        // Each writer's own messages came in its order, and the two really overlapped (else the test proves nothing).
        var p1 = messages.Where(m => m.Id.StartsWith("p1-", StringComparison.Ordinal)).ToList();
        var p2 = messages.Where(m => m.Id.StartsWith("p2-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, PerProcess).Select(i => $"p1-{i}"), p1.Select(m => m.Id));
        Assert.Equal(Enumerable.Range(0, PerProcess).Select(i => $"p2-{i}"), p2.Select(m => m.Id));
        Assert.True(p1[0].Seq < p2[^1].Seq && p2[0].Seq < p1[^1].Seq, "the two writers did not run at the same time");
    }

    private static Process StartWriter(string connectionString, string conversationId, string authorId, string prefix, string goFile, string targetId)
    {
        var start = new ProcessStartInfo(DotnetHost.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "SqliteWriter.dll"), connectionString, conversationId, authorId,
                     PerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture), prefix, goFile, targetId])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start SqliteWriter.");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
