using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

// The change stream: how a change takes its rev, and the replay after a rev.
public sealed partial class SqliteChatStore
{
    /// <summary>
    /// One change of one record, in <c>BEGIN IMMEDIATE</c>: <paramref name="decide"/> reads the record and returns it
    /// with its next state (null: no-op, nothing written); otherwise the conversation's rev counter moves by one,
    /// <paramref name="stamp"/> puts that rev on the record and <paramref name="write"/> stores it, all in the same
    /// transaction. The write lock is the file's, so the rev order is the commit order across processes too.
    /// </summary>
    private async Task<Change<T>> ChangeAsync<T>(string conversationId,
        Func<SqliteConnection, SqliteTransaction, Task<(T Current, T? Next)>> decide,
        Func<T, long, T> stamp,
        Func<SqliteConnection, SqliteTransaction, T, Task> write,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await WriteAsync(async () =>
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            var (current, next) = await decide(connection, transaction);
            if (next is null)
            {
                return new Change<T>(current, await ReadConversationAsync(connection, transaction, conversationId, cancellationToken), Changed: false);
            }

            var conversation = await TakeRevAsync(connection, transaction, conversationId, cancellationToken);
            var stamped = stamp(next, conversation.LastRev);
            await write(connection, transaction, stamped);
            await transaction.CommitAsync(cancellationToken);
            return new Change<T>(stamped, stamped as Conversation ?? conversation, Changed: true);
        }, cancellationToken);
    }

    /// <summary>Moves the conversation's rev counter by one and returns the conversation after it (NOT_FOUND if missing).</summary>
    private static async Task<Conversation> TakeRevAsync(SqliteConnection connection, SqliteTransaction transaction, string conversationId,
        CancellationToken cancellationToken) =>
        await QuerySingleAsync(connection, transaction,
            $"UPDATE conversations SET last_rev = last_rev + 1 WHERE id = @id RETURNING {ConversationColumns}", ReadConversation, cancellationToken,
            ("@id", conversationId)) ?? throw ChatException.NotFound("Conversation");

    /// <summary>
    /// A conversation's records with rev after <paramref name="afterRev"/>, in rev order in the page's direction, served by
    /// the (conversation_id, rev) indexes. Messages never share a rev, so their key is the rev; links do (creation), so
    /// <paramref name="tieById"/> orders and keys them by (rev, id).
    /// </summary>
    private async Task<Page<T>> ListChangedAfterAsync<T>(string select, string conversationId, long afterRev, PageRequest page, bool tieById,
        Func<FilterField, string?> filterColumn, Func<SqliteDataReader, T> read, Func<T, (long Rev, string Id)> keyOf, CancellationToken cancellationToken)
    {
        ValidateLimit(page);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@conv", conversationId);
        command.Parameters.AddWithValue("@after", afterRev);
        var sql = new System.Text.StringBuilder(select).Append(" WHERE conversation_id = @conv AND rev > @after");
        var ascending = page.Direction == SortDirection.Asc;
        var (order, comparison) = (tieById ? "(rev, id)" : "rev", ascending ? " > " : " < ");
        if (page.AfterKey is { } key)
        {
            var (keyRev, keyId) = tieById ? PageKeys.ParseRevAndId(key) : (PageKeys.ParseSeq(key), "");
            sql.Append(" AND ").Append(order).Append(comparison).Append(tieById ? "(@kr, @kid)" : "@kr");
            command.Parameters.AddWithValue("@kr", keyRev);
            command.Parameters.AddWithValue("@kid", keyId);
        }

        SqliteFilterSql.AppendWhere(sql, command, page.Filter, filterColumn);
        var direction = ascending ? "" : " DESC";
        sql.Append(" ORDER BY rev").Append(direction).Append(tieById ? ", id" + direction : "");
        return await ReadPageAsync(command, sql, page, read, item =>
        {
            var (rev, id) = keyOf(item);
            return tieById ? PageKeys.RevAndId(rev, id) : PageKeys.Seq(rev);
        }, cancellationToken);
    }

    public async Task<ChangeBatch> ListChangesAsync(string conversationId, long afterRev, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // A read transaction: in WAL mode its first read fixes the snapshot, so the three reads agree on one state.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var conversation = await QuerySingleAsync(connection, transaction, $"SELECT {ConversationColumns} FROM conversations WHERE id = @id", ReadConversation,
            cancellationToken, ("@id", conversationId));
        var take = ChangeReplay.ReadLimit(limit);
        var messages = await QueryListAsync(connection, transaction,
            $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conv AND rev > @after ORDER BY rev LIMIT @take", ReadMessage, cancellationToken,
            ("@conv", conversationId), ("@after", afterRev), ("@take", take));
        var links = await QueryListAsync(connection, transaction,
            $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND rev > @after ORDER BY rev, id LIMIT @take", ReadLink, cancellationToken,
            ("@conv", conversationId), ("@after", afterRev), ("@take", take));
        return await ChangeReplay.BuildAsync(conversation, afterRev, limit, messages, links, async rev =>
        {
            var sameLinks = await QueryListAsync(connection, transaction,
                $"SELECT {LinkColumns} FROM convo_links WHERE conversation_id = @conv AND rev = @rev ORDER BY id", ReadLink, cancellationToken,
                ("@conv", conversationId), ("@rev", rev));
            var sameMessages = await QueryListAsync(connection, transaction,
                $"SELECT {MessageColumns} FROM messages WHERE conversation_id = @conv AND rev = @rev", ReadMessage, cancellationToken,
                ("@conv", conversationId), ("@rev", rev));
            return ChangeReplay.OfOneRev(conversation!, rev, sameLinks, sameMessages);
        }, ReplayFloor);
    }

    /// <summary>Nothing is purged: every rev from 0 replays exactly (see <see cref="IChatStore.GetReplayFloorAsync"/>).</summary>
    private const long ReplayFloor = 0;

    public async Task<long> GetReplayFloorAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        _ = await ReadConversationAsync(connection, null, conversationId, cancellationToken);
        return ReplayFloor;
    }
}
