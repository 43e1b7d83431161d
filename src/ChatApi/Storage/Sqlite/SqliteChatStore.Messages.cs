using System.Text;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    /// <summary>
    /// Appends through the group commit (SqliteChatStore.GroupCommit.cs): the append waits for its batch's commit,
    /// so it is answered only once it is durable, and a failure of another append in the batch does not reach it.
    /// </summary>
    public Task<AppendResult> AppendMessageAsync(NewMessage message, CancellationToken cancellationToken) =>
        EnqueueAppendAsync(message, cancellationToken);

    /// <summary>
    /// One append inside a batch's transaction (under its own savepoint, see SqliteChatStore.GroupCommit.cs): the
    /// idempotency check, both counters and the insert, all under the write lock the batch holds.
    /// </summary>
    private static async Task<AppendResult> AppendInTransactionAsync(SqliteAppendCommands commands, NewMessage message, CancellationToken cancellationToken)
    {
        var createdAt = Timestamps.Truncate(message.CreatedAt);
        var createdText = Timestamps.ToText(createdAt);
        if (await commands.FindAsync(message.Id, cancellationToken) is { } stored)
        {
            return new AppendResult(stored, Created: false);
        }

        if (message.ReplyToId is { } replyToId
            && await QuerySingleAsync(commands.Connection, commands.Transaction, "SELECT conversation_id FROM messages WHERE id = @id", r => r.GetString(0),
                cancellationToken, ("@id", replyToId)) != message.ConversationId)
        {
            throw ChatException.BadInput("'replyToId' must name a message of the same conversation.");
        }

        // Both counters move by one: the message's position (seq) and the conversation's change (rev).
        // max(): clocks of two processes may disagree by a little; activity never moves backwards.
        var conversation = await commands.AdvanceAsync(message.ConversationId, createdText, cancellationToken)
                           ?? throw ChatException.NotFound("Conversation");
        var appended = new Message
        {
            Id = message.Id,
            ConversationId = message.ConversationId,
            AuthorId = message.AuthorId,
            Content = message.Content,
            Seq = conversation.LastSeq,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
            ClientCreatedAt = message.ClientCreatedAt,
            Rev = conversation.LastRev,
            ReplyToId = message.ReplyToId,
            MentionIds = message.MentionIds.Distinct(StringComparer.Ordinal).ToArray(),
            MentionsAll = message.MentionsAll,
        };
        try
        {
            await commands.InsertAsync(appended, createdText, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
        {
            throw ChatException.NotFound("Author");
        }

        return new AppendResult(appended, Created: true, conversation);
    }

    public Task<Change<Message>> EditMessageAsync(MessageEdit edit, CancellationToken cancellationToken) =>
        ChangeMessageAsync(edit.MessageId, current => ChangeRules.Edit(current, edit), null, cancellationToken);

    public Task<Change<Message>> DeleteMessageAsync(string messageId, string deletedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.Delete(current, deletedBy, now),
            (connection, transaction, deleted) => ExecuteAsync(connection, transaction,
                "DELETE FROM message_reactions WHERE message_id = @id", cancellationToken, ("@id", deleted.Id)),
            cancellationToken);

    public Task<Change<Message>> AddReactionAsync(string messageId, string userId, string emoji, int maxKinds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.AddReaction(current, userId, emoji, maxKinds, now),
            async (connection, transaction, _) =>
            {
                try
                {
                    await ExecuteAsync(connection, transaction,
                        "INSERT INTO message_reactions (message_id, emoji, user_id, created_at) VALUES (@id, @emoji, @user, @t)", cancellationToken,
                        ("@id", messageId), ("@emoji", emoji), ("@user", userId), ("@t", Timestamps.ToText(now)));
                }
                catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
                {
                    throw ChatException.NotFound("User");
                }
            },
            cancellationToken);

    public Task<Change<Message>> RemoveReactionAsync(string messageId, string userId, string emoji, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.RemoveReaction(current, userId, emoji, now),
            (connection, transaction, _) => ExecuteAsync(connection, transaction,
                "DELETE FROM message_reactions WHERE message_id = @id AND emoji = @emoji AND user_id = @user", cancellationToken,
                ("@id", messageId), ("@emoji", emoji), ("@user", userId)),
            cancellationToken);

    /// <summary>A change of one message: its whole mutable state is written back with the new rev, plus <paramref name="alsoWrite"/>.</summary>
    private async Task<Change<Message>> ChangeMessageAsync(string messageId, Func<Message, Message?> rule,
        Func<SqliteConnection, SqliteTransaction, Message, Task>? alsoWrite, CancellationToken cancellationToken)
    {
        // The conversation id is needed before the transaction (to take its rev); a message never moves, so reading it first is safe.
        var conversationId = (await GetMessageAsync(messageId, cancellationToken) ?? throw ChatException.NotFound("Message")).ConversationId;
        return await ChangeAsync(conversationId,
            async (connection, transaction) =>
            {
                var current = await QuerySingleAsync(connection, transaction, $"SELECT {MessageColumns} FROM messages WHERE id = @id", ReadMessage,
                    cancellationToken, ("@id", messageId)) ?? throw ChatException.NotFound("Message");
                return (current, rule(current));
            },
            (next, rev) => next with { Rev = rev },
            async (connection, transaction, next) =>
            {
                await ExecuteAsync(connection, transaction,
                    "UPDATE messages SET content = @content, updated_at = @u, rev = @rev, edited_at = @edited, deleted_at = @deleted, deleted_by = @by, " +
                    "mentions = @mentions, mentions_all = @all, reactions = @reactions WHERE id = @id", cancellationToken,
                    ("@content", next.Content), ("@u", Timestamps.ToText(next.UpdatedAt)), ("@rev", next.Rev),
                    ("@edited", next.EditedAt is { } e ? Timestamps.ToText(e) : null), ("@deleted", next.DeletedAt is { } d ? Timestamps.ToText(d) : null),
                    ("@by", next.DeletedBy), ("@mentions", SqliteJson.Mentions(next.MentionIds)), ("@all", next.MentionsAll ? 1 : 0),
                    ("@reactions", SqliteJson.Reactions(next.Reactions)), ("@id", next.Id));
                if (alsoWrite is not null)
                {
                    await alsoWrite(connection, transaction, next);
                }
            },
            cancellationToken);
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

    public Task<Page<Message>> ListMessagesChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken) =>
        ListChangedAfterAsync($"SELECT {MessageColumns} FROM messages", conversationId, afterRev, page, tieById: false, MessageFilterColumn, ReadMessage,
            m => (m.Rev, m.Id), cancellationToken);

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
            "SELECT count(*) FROM messages WHERE conversation_id = @conv AND author_id <> @user AND deleted_at IS NULL " +
            "AND seq > coalesce((SELECT seq FROM read_marks WHERE conversation_id = @conv AND user_id = @user), 0)",
            r => r.GetInt32(0), cancellationToken, ("@conv", conversationId), ("@user", userId));
    }

    public async Task<int> CountUnreadMentionsAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // The same range scan as the unread count; the mention test reads the short JSON array of the unread rows only.
        return await QuerySingleAsync(connection, null,
            "SELECT count(*) FROM messages WHERE conversation_id = @conv AND author_id <> @user AND deleted_at IS NULL " +
            "AND seq > coalesce((SELECT seq FROM read_marks WHERE conversation_id = @conv AND user_id = @user), 0) " +
            "AND (mentions_all = 1 OR EXISTS (SELECT 1 FROM json_each(messages.mentions) WHERE value = @user))",
            r => r.GetInt32(0), cancellationToken, ("@conv", conversationId), ("@user", userId));
    }

    private static Message ReadMessage(SqliteDataReader r)
    {
        // Most messages are never edited, so updated_at is usually created_at: parse the text once (the hot list).
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
            Rev = r.GetInt64(8),
            EditedAt = r.IsDBNull(9) ? null : Timestamps.Parse(r.GetString(9)),
            DeletedAt = r.IsDBNull(10) ? null : Timestamps.Parse(r.GetString(10)),
            DeletedBy = r.IsDBNull(11) ? null : r.GetString(11),
            ReplyToId = r.IsDBNull(12) ? null : r.GetString(12),
            MentionIds = SqliteJson.ParseMentions(r.GetString(13)),
            MentionsAll = r.GetInt64(14) != 0,
            Reactions = SqliteJson.ParseReactions(r.GetString(15)),
        };
    }
}
