using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// Group commit of appends. An fsync costs ~1–2 ms here whatever a transaction holds, so one transaction per append
/// capped posts at ~800/s. Appends are queued instead; one drain task (running only while the queue is not empty)
/// takes everything queued — up to <see cref="MaxAppendBatch"/> — into one <c>BEGIN IMMEDIATE</c> transaction with
/// one fsync, and answers each caller only after that commit, so an acknowledged message is durable as before.
/// While a batch commits the next one fills, so batches grow with load and a lone append still commits at once.
/// Each append runs under its own savepoint: one that fails (unknown conversation, reply into another conversation)
/// is rolled back alone and answered with its error; the others commit, and seq/rev stay gap-free because a rolled
/// back savepoint undoes its counter moves too. The batch takes the same in-process write gate as every other write.
/// </summary>
public sealed partial class SqliteChatStore
{
    private const int MaxAppendBatch = 256;

    private readonly Lock appendLock = new();
    private readonly Queue<PendingAppend> pendingAppends = new();
    private bool drainingAppends;

    private Task<AppendResult> EnqueueAppendAsync(NewMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(message, cancellationToken);
        bool startDrain;
        lock (appendLock)
        {
            pendingAppends.Enqueue(pending);
            startDrain = !drainingAppends;
            drainingAppends = true;
        }

        if (startDrain)
        {
            _ = Task.Run(DrainAppendsAsync, CancellationToken.None);
        }

        // A caller that gives up stops waiting; its append may still commit, and a retry with the same id is answered
        // with the stored message (the idempotency check), so giving up never duplicates.
        return pending.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAppendsAsync()
    {
        var batch = new List<PendingAppend>(MaxAppendBatch);
        while (true)
        {
            batch.Clear();
            lock (appendLock)
            {
                while (batch.Count < MaxAppendBatch && pendingAppends.TryDequeue(out var next))
                {
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.TrySetCanceled(next.CancellationToken);
                    }
                    else
                    {
                        batch.Add(next);
                    }
                }

                if (batch.Count == 0)
                {
                    drainingAppends = false;
                    return;
                }
            }

            await CommitAppendBatchAsync(batch);
        }
    }

    private async Task CommitAppendBatchAsync(List<PendingAppend> batch)
    {
        var results = new AppendResult[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            // Not the callers' tokens: one caller giving up must not abort the others' transaction.
            await WriteAsync(async () =>
            {
                Array.Clear(failures);
                await using var connection = await OpenAsync(CancellationToken.None);
                await using var transaction = connection.BeginTransaction(deferred: false);
                await using var commands = new SqliteAppendCommands(connection, transaction);
                for (var i = 0; i < batch.Count; i++)
                {
                    await commands.SavepointAsync(CancellationToken.None);
                    try
                    {
                        results[i] = await AppendInTransactionAsync(commands, batch[i].Message, CancellationToken.None);
                        await commands.ReleaseAsync(CancellationToken.None);
                    }
                    catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
                    {
                        await commands.RollbackToSavepointAsync(CancellationToken.None);
                        failures[i] = e;
                    }
                }

                await transaction.CommitAsync(CancellationToken.None);
                return true;
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Nothing of the batch committed: every caller hears the failure, none a result.
            foreach (var pending in batch)
            {
                pending.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].TrySetException(failure);
            }
            else
            {
                batch[i].TrySetResult(results[i]);
            }
        }
    }

    /// <summary>A queued append; continuations run off the drain task so callers never run inside a batch.</summary>
    private sealed class PendingAppend(NewMessage message, CancellationToken cancellationToken)
        : TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public NewMessage Message { get; } = message;
        public CancellationToken CancellationToken { get; } = cancellationToken;
    }

    /// <summary>
    /// The statements of an append, prepared once per batch and re-bound per message (SQLite keeps a command's
    /// compiled statement while the command lives), plus the per-append savepoint.
    /// </summary>
    private sealed class SqliteAppendCommands : IAsyncDisposable
    {
        private const string Savepoint = "append";

        private readonly SqliteCommand find;
        private readonly SqliteCommand advance;
        private readonly SqliteCommand insert;
        private readonly SqliteCommand savepoint;
        private readonly SqliteCommand release;
        private readonly SqliteCommand rollbackTo;

        public SqliteAppendCommands(SqliteConnection connection, SqliteTransaction transaction)
        {
            Connection = connection;
            Transaction = transaction;
            find = Command($"SELECT {MessageColumns} FROM messages WHERE id = @id", "@id");
            advance = Command(
                "UPDATE conversations SET last_seq = last_seq + 1, last_rev = last_rev + 1, " +
                "last_activity_at = max(last_activity_at, @t), updated_at = max(updated_at, @t) " +
                $"WHERE id = @conv RETURNING {ConversationColumns}", "@t", "@conv");
            insert = Command(
                $"INSERT INTO messages ({MessageColumns}) VALUES (@id, @conv, @author, @content, @seq, @t, @t, @client, " +
                "@rev, NULL, NULL, NULL, @reply, @mentions, @all, '[]')",
                "@id", "@conv", "@author", "@content", "@seq", "@t", "@client", "@rev", "@reply", "@mentions", "@all");
            savepoint = Command($"SAVEPOINT {Savepoint}");
            release = Command($"RELEASE {Savepoint}");
            rollbackTo = Command($"ROLLBACK TO {Savepoint}; RELEASE {Savepoint}");
        }

        public SqliteConnection Connection { get; }

        public SqliteTransaction Transaction { get; }

        public async Task<Message?> FindAsync(string id, CancellationToken cancellationToken)
        {
            find.Parameters[0].Value = id;
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadMessage(reader) : null;
        }

        public async Task<Conversation?> AdvanceAsync(string conversationId, string createdText, CancellationToken cancellationToken)
        {
            advance.Parameters[0].Value = createdText;
            advance.Parameters[1].Value = conversationId;
            await using var reader = await advance.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadConversation(reader) : null;
        }

        public Task<int> InsertAsync(Message message, string createdText, CancellationToken cancellationToken)
        {
            object?[] values =
            [
                message.Id, message.ConversationId, message.AuthorId, message.Content, message.Seq, createdText, message.ClientCreatedAt,
                message.Rev, message.ReplyToId, SqliteJson.Mentions(message.MentionIds), message.MentionsAll ? 1 : 0,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return insert.ExecuteNonQueryAsync(cancellationToken);
        }

        public Task<int> SavepointAsync(CancellationToken cancellationToken) => savepoint.ExecuteNonQueryAsync(cancellationToken);

        public Task<int> ReleaseAsync(CancellationToken cancellationToken) => release.ExecuteNonQueryAsync(cancellationToken);

        public Task<int> RollbackToSavepointAsync(CancellationToken cancellationToken) => rollbackTo.ExecuteNonQueryAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            foreach (var command in (SqliteCommand[])[find, advance, insert, savepoint, release, rollbackTo])
            {
                await command.DisposeAsync();
            }
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            return command;
        }
    }
}
