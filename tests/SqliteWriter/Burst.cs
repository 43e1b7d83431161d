using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage.Sqlite;

/// <summary>Concurrent appenders that print each acknowledgement (see Program.cs for the usage).</summary>
internal static class Burst
{
    public static async Task<int> RunAsync(string connectionString, string authorId, int posters, string[] conversationIds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var store = new SqliteChatStore(connectionString, TimeProvider.System, new IdGenerator(TimeProvider.System));
        var output = TextWriter.Synchronized(Console.Out);
        output.WriteLine("ready");
        try
        {
            await Task.WhenAll(Enumerable.Range(0, posters).Select(poster => Task.Run(async () =>
            {
                for (var i = 0; !timeout.IsCancellationRequested; i++)
                {
                    var conversationId = conversationIds[(poster + i) % conversationIds.Length];
                    var appended = await store.AppendMessageAsync(new NewMessage
                    {
                        Id = $"b{poster}-{i}",
                        ConversationId = conversationId,
                        AuthorId = authorId,
                        Content = $"burst {poster} {i}",
                        CreatedAt = TimeProvider.System.GetUtcNow(),
                    }, timeout.Token);
                    output.WriteLine($"ack {appended.Message.Id} {conversationId} {appended.Message.Seq}");
                }
            })));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }

        return 0;
    }
}
