// Usage: SqliteWriter <connection string> <conversation id> <author id> <count> <id prefix> <go file> <reaction target id>
// Prints "ready", waits (bounded) until <go file> exists so both writers start together, then <count> times appends a
// message with id "<id prefix>-<n>" and reacts to <reaction target id> with a new emoji, about a millisecond apart,
// printing each committed message ("message ID SEQ") and the rev each change took ("rev N"), each line as soon as
// its change has committed (a killed writer's output lists what it had acknowledged); prints "done" and exits 0; any
// failure exits 1.
//
// Or: SqliteWriter burst <connection string> <author id> <posters> <conversation id>...
// <posters> concurrent loops append to the given conversations (spread round-robin) until killed or 60 s pass, each
// printing "ack <message id> <conversation id> <seq>" only after its append was acknowledged (the durability test
// kills this process with SIGKILL and then looks for every acknowledged message).
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage.Sqlite;

if (args is ["burst", var burstConnection, var burstAuthor, var postersText, .. var conversationIds] && int.TryParse(postersText, out var posters)
    && conversationIds.Length > 0)
{
    return await Burst.RunAsync(burstConnection, burstAuthor, posters, conversationIds);
}

if (args.Length != 7 || !int.TryParse(args[3], out var count))
{
    Console.Error.WriteLine("usage: SqliteWriter <connection string> <conversation id> <author id> <count> <id prefix> <go file> <reaction target id>");
    return 2;
}

var (connectionString, conversationId, authorId, prefix, goFile, targetId) = (args[0], args[1], args[2], args[4], args[5], args[6]);
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
var store = new SqliteChatStore(connectionString, TimeProvider.System, new IdGenerator(TimeProvider.System));

// Warm up (JIT, first connection) before reporting ready, so both writers really start together.
_ = await store.GetConversationAsync(conversationId, timeout.Token) ?? throw new InvalidOperationException("No such conversation.");
Console.WriteLine("ready");
while (!File.Exists(goFile))
{
    await Task.Delay(5, timeout.Token);
}

for (var i = 0; i < count; i++)
{
    var appended = await store.AppendMessageAsync(new NewMessage
    {
        Id = $"{prefix}-{i}",
        ConversationId = conversationId,
        AuthorId = authorId,
        Content = $"{prefix} {i}",
        CreatedAt = TimeProvider.System.GetUtcNow(),
    }, timeout.Token);
    Console.WriteLine($"message {appended.Message.Id} {appended.Message.Seq}");
    Console.WriteLine($"rev {appended.Message.Rev}");
    var reacted = await store.AddReactionAsync(targetId, authorId, $"{prefix}-{i}", int.MaxValue, TimeProvider.System.GetUtcNow(), timeout.Token);
    Console.WriteLine($"rev {reacted.Rev}");

    // A pause like the one between two real requests. Back to back, one process would hold the write lock
    // almost continuously and SQLite's sleeping busy handler would let the other in only after it finished.
    await Task.Delay(1, timeout.Token);
}

Console.WriteLine("done");
return 0;
