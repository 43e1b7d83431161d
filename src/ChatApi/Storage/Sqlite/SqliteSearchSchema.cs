namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// The full-text index over messages (migration 3 in <see cref="SqliteSchema"/>): two FTS5 external-content tables
/// that read their text from <c>messages.content</c> and are kept by triggers, so every write that inserts, edits,
/// deletes (a tombstone's content is empty: it matches nothing) or removes a message updates both in the same
/// transaction, whatever code path writes it.
/// <list type="bullet">
/// <item><c>message_words</c>: <c>unicode61 remove_diacritics 2</c> (words, case- and accent-folded), with prefix
/// indexes of 1 and 2 characters: short words as prefixes, and quoted phrases.</item>
/// <item><c>message_grams</c>: <c>trigram remove_diacritics 1</c> (case-insensitive): any substring of 3+ characters,
/// in any script, including those without spaces between words (Japanese, Chinese) and Korean inside an eojeol.</item>
/// </list>
/// Both key rows by <c>messages.rowid</c>. The messages table has no INTEGER PRIMARY KEY, so a <c>VACUUM</c> may
/// renumber rowids: after one, run <c>INSERT INTO message_words(message_words) VALUES('rebuild')</c> (and the same for
/// message_grams). The update trigger fires only when the content changes, so reactions cost no re-indexing.
/// </summary>
internal static class SqliteSearchSchema
{
    public const string WordsTable = "message_words";
    public const string GramsTable = "message_grams";

    public const string Migration = $"""
        CREATE VIRTUAL TABLE {WordsTable} USING fts5(content, content='messages', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2', prefix='1 2');
        CREATE VIRTUAL TABLE {GramsTable} USING fts5(content, content='messages', content_rowid='rowid',
            tokenize='trigram remove_diacritics 1');

        CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
            INSERT INTO {WordsTable} (rowid, content) VALUES (new.rowid, new.content);
            INSERT INTO {GramsTable} (rowid, content) VALUES (new.rowid, new.content);
        END;
        CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
            INSERT INTO {WordsTable} ({WordsTable}, rowid, content) VALUES ('delete', old.rowid, old.content);
            INSERT INTO {GramsTable} ({GramsTable}, rowid, content) VALUES ('delete', old.rowid, old.content);
        END;
        CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages WHEN old.content IS NOT new.content BEGIN
            INSERT INTO {WordsTable} ({WordsTable}, rowid, content) VALUES ('delete', old.rowid, old.content);
            INSERT INTO {GramsTable} ({GramsTable}, rowid, content) VALUES ('delete', old.rowid, old.content);
            INSERT INTO {WordsTable} (rowid, content) VALUES (new.rowid, new.content);
            INSERT INTO {GramsTable} (rowid, content) VALUES (new.rowid, new.content);
        END;

        -- Messages written before this migration.
        INSERT INTO {WordsTable} ({WordsTable}) VALUES ('rebuild');
        INSERT INTO {GramsTable} ({GramsTable}) VALUES ('rebuild');
        """;

    /// <summary>A term as an FTS5 string: double quotes doubled, so no text is ever read as query syntax.</summary>
    public static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
