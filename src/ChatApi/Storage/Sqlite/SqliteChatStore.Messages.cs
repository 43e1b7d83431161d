using System.Text;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public async Task<AppendResult> AppendMessageAsync(NewMessage message, CancellationToken cancellationToken)
    {
        var createdAt = Timestamps.Truncate(message.CreatedAt);
        var createdText = Timestamps.ToText(createdAt);
        await using var connection = await OpenAsync(cancellationToken);
        return await WriteAsync(async () =>
        {
            // The idempotency check, the LastSeq read and both writes happen under one write lock, across processes.
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (await QuerySingleAsync(connection, transaction, $"SELECT {MessageColumns} FROM messages WHERE id = @id", ReadMessage, cancellationToken,
                    ("@id", message.Id)) is { } stored)
            {
                return new AppendResult(stored, Created: false);
            }

            var lastSeq = await QuerySingleAsync(connection, transaction, "SELECT last_seq FROM conversations WHERE id = @conv", r => (long?)r.GetInt64(0),
                cancellationToken, ("@conv", message.ConversationId)) ?? throw ChatException.NotFound("Conversation");
            var seq = lastSeq + 1;
            try
            {
                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO messages ({MessageColumns}) VALUES (@id, @conv, @author, @content, @seq, @t, @t, @client)", cancellationToken,
                    ("@id", message.Id), ("@conv", message.ConversationId), ("@author", message.AuthorId), ("@content", message.Content),
                    ("@seq", seq), ("@t", createdText), ("@client", message.ClientCreatedAt));
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
            {
                throw ChatException.NotFound("Author");
            }

            // max(): clocks of two processes may disagree by a little; activity never moves backwards.
            await ExecuteAsync(connection, transaction,
                "UPDATE conversations SET last_seq = @seq, last_activity_at = max(last_activity_at, @t), updated_at = max(updated_at, @t) WHERE id = @conv",
                cancellationToken, ("@seq", seq), ("@t", createdText), ("@conv", message.ConversationId));
            await transaction.CommitAsync(cancellationToken);

            return new AppendResult(new Message
            {
                Id = message.Id,
                ConversationId = message.ConversationId,
                AuthorId = message.AuthorId,
                Content = message.Content,
                Seq = seq,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                ClientCreatedAt = message.ClientCreatedAt,
            }, Created: true);
        }, cancellationToken);
    }

    public async Task<Message?> GetMessageAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, $"SELECT {MessageColumns} FROM messages WHERE id = @id", ReadMessage, cancellationToken, ("@id", id));
    }

    public async Task<Page<Message>> ListMessagesAsync(string conversationId, long? afterSeq, PageRequest page, CancellationToken cancellationToken)
    {
        ValidateLimit(page);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@conv", conversationId);
        var sql = new StringBuilder($"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conv");
        if (afterSeq is { } after)
        {
            sql.Append(" AND seq > @after");
            command.Parameters.AddWithValue("@after", after);
        }

        var ascending = page.Direction == SortDirection.Asc;
        if (page.AfterKey is { } key)
        {
            sql.Append(ascending ? " AND seq > @key" : " AND seq < @key");
            command.Parameters.AddWithValue("@key", PageKeys.ParseSeq(key));
        }

        SqliteFilterSql.AppendWhere(sql, command, page.Filter, MessageFilterColumn);
        sql.Append(ascending ? " ORDER BY seq" : " ORDER BY seq DESC");
        return await ReadPageAsync(command, sql, page, ReadMessage, m => PageKeys.Seq(m.Seq), cancellationToken);
    }

    public async Task<Page<Message>> ListMessagesByAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@author", authorId);
        var sql = new StringBuilder($"SELECT {MessageColumns} FROM messages WHERE author_id = @author");
        return await PageByTimeAndIdAsync(command, sql, page, "created_at", "id", MessageFilterColumn, ReadMessage,
            m => PageKeys.TimeAndId(m.CreatedAt, m.Id), cancellationToken);
    }

    private static string? MessageFilterColumn(FilterField field) => field switch
    {
        FilterField.Id => "id",
        FilterField.CreatedAt => "created_at",
        FilterField.UpdatedAt => "updated_at",
        FilterField.AuthorId => "author_id",
        FilterField.Content => "content",
        FilterField.MessageConversationId => "conversation_id",
        _ => null,
    };

    // Read state

    public async Task<long> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            // One upsert: the mark only moves forward, even when two devices report out of order.
            return await WriteAsync(() => QuerySingleAsync(connection, null,
                "INSERT INTO read_marks (conversation_id, user_id, seq) VALUES (@conv, @user, @seq) " +
                "ON CONFLICT (conversation_id, user_id) DO UPDATE SET seq = max(seq, excluded.seq) RETURNING seq",
                r => r.GetInt64(0), cancellationToken, ("@conv", conversationId), ("@user", userId), ("@seq", seq)), cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
        {
            throw ChatException.NotFound("The user or the conversation");
        }
    }

    public async Task<long> GetReadSeqAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, "SELECT seq FROM read_marks WHERE conversation_id = @conv AND user_id = @user",
            r => r.GetInt64(0), cancellationToken, ("@conv", conversationId), ("@user", userId));
    }

    public async Task<int> CountUnreadAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // A range scan of (conversation_id, seq) after the mark; the author test runs only on those rows.
        return await QuerySingleAsync(connection, null,
            "SELECT count(*) FROM messages WHERE conversation_id = @conv AND author_id <> @user " +
            "AND seq > coalesce((SELECT seq FROM read_marks WHERE conversation_id = @conv AND user_id = @user), 0)",
            r => r.GetInt32(0), cancellationToken, ("@conv", conversationId), ("@user", userId));
    }

    private static Message ReadMessage(SqliteDataReader r)
    {
        // Messages are never edited, so updated_at is almost always created_at: parse the text once (the hot list).
        var createdText = r.GetString(5);
        var updatedText = r.GetString(6);
        var createdAt = Timestamps.Parse(createdText);
        return new Message
        {
            Id = r.GetString(0),
            ConversationId = r.GetString(1),
            AuthorId = r.GetString(2),
            Content = r.GetString(3),
            Seq = r.GetInt64(4),
            CreatedAt = createdAt,
            UpdatedAt = updatedText == createdText ? createdAt : Timestamps.Parse(updatedText),
            ClientCreatedAt = r.IsDBNull(7) ? null : r.GetString(7),
        };
    }
}
