using System.Globalization;
using System.Text;
using System.Text.Json;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Search;
using Microsoft.Data.Sqlite;
using static Chatt.ChatApi.Storage.Sqlite.SqliteSearchSchema;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// Search over the FTS5 tables of <see cref="SqliteSearchSchema"/>. Words of 3+ characters go to the trigram table,
/// shorter words (as prefixes) and phrases to the word table. One table drives the query: its terms form one FTS5
/// expression read in rowid order, newest first, joined to each hit's message (CROSS JOIN keeps that order, so the
/// LIMIT stops the scan early instead of sorting every hit); the other table's terms are checked per hit by rowid.
/// The page key is the rowid, which grows with every insert, so "newest first" is insertion order.
/// </summary>
public sealed partial class SqliteChatStore : IMessageSearch
{
    // The message's columns as ReadMessage reads them, then the rowid (the page key) after them.
    private static readonly string SearchColumns = string.Join(", ", MessageColumns.Split(", ").Select(c => "m." + c)) + ", m.rowid";
    private static readonly int RowIdOrdinal = MessageColumns.Split(", ").Length;

    public async Task<Page<Message>> SearchMessagesAsync(MessageSearchRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        ValidateLimit(page);
        if (request.Terms.Count == 0 || request.ConversationIds.Count == 0 || request.AuthorIds is { Count: 0 })
        {
            return new Page<Message>([], null);
        }

        var grams = request.Terms.Where(t => t.MatchesInsideWords).Select(t => Quote(t.Text)).ToArray();
        var words = request.Terms.Where(t => !t.MatchesInsideWords).Select(t => t.IsPhrase ? Quote(t.Text) : Quote(t.Text) + "*").ToArray();
        var (driver, driverTerms, other, otherTerms) = grams.Length > 0 ? (GramsTable, grams, WordsTable, words) : (WordsTable, words, GramsTable, grams);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SearchColumns} FROM {driver} CROSS JOIN messages m ON m.rowid = {driver}.rowid WHERE {driver} MATCH @q");
        command.Parameters.AddWithValue("@q", string.Join(" AND ", driverTerms));
        sql.Append(" AND m.conversation_id IN (SELECT value FROM json_each(@convs)) AND m.deleted_at IS NULL");
        command.Parameters.AddWithValue("@convs", JsonSerializer.Serialize(request.ConversationIds));
        if (request.AuthorIds is { } authors)
        {
            sql.Append(" AND m.author_id IN (SELECT value FROM json_each(@authors))");
            command.Parameters.AddWithValue("@authors", JsonSerializer.Serialize(authors));
        }

        if (page.AfterKey is { } key)
        {
            sql.Append($" AND {driver}.rowid < @after");
            command.Parameters.AddWithValue("@after", PageKeys.ParseSeq(key));
        }

        SqliteFilterSql.AppendWhere(sql, command, page.Filter, f => MessageFilterColumn(f) is { } column ? "m." + column : null);
        if (otherTerms.Length > 0)
        {
            // Last, so only hits already in the caller's conversations pay for the second index's lookup.
            sql.Append($" AND EXISTS (SELECT 1 FROM {other} WHERE {other} MATCH @q2 AND {other}.rowid = m.rowid)");
            command.Parameters.AddWithValue("@q2", string.Join(" AND ", otherTerms));
        }

        sql.Append($" ORDER BY {driver}.rowid DESC LIMIT @limit");
        command.Parameters.AddWithValue("@limit", page.Limit + 1);
        command.CommandText = sql.ToString();

        var hits = new List<(long RowId, Message Message)>(Math.Min(page.Limit + 1, 128));
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add((reader.GetInt64(RowIdOrdinal), ReadMessage(reader)));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // Terms are quoted, so this is not the user's syntax; should a tokenizer still refuse a term, say so plainly.
            throw ChatException.BadInput("The search query cannot be searched for.");
        }

        if (hits.Count <= page.Limit)
        {
            return new Page<Message>(hits.ConvertAll(h => h.Message), null);
        }

        hits.RemoveAt(hits.Count - 1);
        return new Page<Message>(hits.ConvertAll(h => h.Message), hits[^1].RowId.ToString(CultureInfo.InvariantCulture));
    }
}
