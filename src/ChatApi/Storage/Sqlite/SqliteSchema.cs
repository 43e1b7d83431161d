using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// The schema as an append-only list of migrations; <c>PRAGMA user_version</c> records how many ran.
/// Never edit a shipped migration: add the next one. Migrating runs in one <c>BEGIN IMMEDIATE</c>
/// transaction, so two processes starting on the same file at once apply each step exactly once.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: users, conversations, links, messages, read marks. Times are Common/Timestamps text, which
        // sorts as time, so (created_at, id) and (last_activity_at, id) indexes serve the paged lists.
        """
        CREATE TABLE users (
            id          TEXT NOT NULL PRIMARY KEY,
            subject     TEXT NOT NULL,
            username    TEXT NOT NULL COLLATE NOCASE,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX ux_users_subject ON users (subject);
        CREATE UNIQUE INDEX ux_users_username ON users (username COLLATE NOCASE);
        CREATE INDEX ix_users_created ON users (created_at, id);

        CREATE TABLE conversations (
            id                TEXT NOT NULL PRIMARY KEY,
            name              TEXT NOT NULL,
            created_by        TEXT NOT NULL REFERENCES users (id),
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            last_seq          INTEGER NOT NULL DEFAULT 0,
            last_activity_at  TEXT NOT NULL
        ) STRICT;
        CREATE INDEX ix_conversations_activity ON conversations (last_activity_at, id);

        CREATE TABLE convo_links (
            id               TEXT NOT NULL PRIMARY KEY,
            user_id          TEXT NOT NULL REFERENCES users (id),
            conversation_id  TEXT NOT NULL REFERENCES conversations (id),
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX ux_links_conversation_user ON convo_links (conversation_id, user_id);
        CREATE INDEX ix_links_user ON convo_links (user_id, created_at, id);
        CREATE INDEX ix_links_conversation ON convo_links (conversation_id, created_at, id);

        CREATE TABLE messages (
            id                 TEXT NOT NULL PRIMARY KEY,
            conversation_id    TEXT NOT NULL REFERENCES conversations (id),
            author_id          TEXT NOT NULL REFERENCES users (id),
            content            TEXT NOT NULL,
            seq                INTEGER NOT NULL,
            created_at         TEXT NOT NULL,
            updated_at         TEXT NOT NULL,
            client_created_at  TEXT
        ) STRICT;
        -- Also the last line of defence for gap-free seq: a second writer of the same seq fails instead of duplicating it.
        CREATE UNIQUE INDEX ux_messages_conversation_seq ON messages (conversation_id, seq);
        CREATE INDEX ix_messages_author ON messages (author_id, created_at, id);

        CREATE TABLE read_marks (
            conversation_id  TEXT NOT NULL REFERENCES conversations (id),
            user_id          TEXT NOT NULL REFERENCES users (id),
            seq              INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, user_id)
        ) STRICT, WITHOUT ROWID;
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run beside the one writer; the mode is stored in the file, so setting it once suffices.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

        // deferred: false is BEGIN IMMEDIATE: take the write lock before reading user_version.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken));
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The SQLite database has schema version {version}, newer than this build knows ({Migrations.Length}).");
        }

        for (var i = version; i < Migrations.Length; i++)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[i] + $"\nPRAGMA user_version = {i + 1};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
