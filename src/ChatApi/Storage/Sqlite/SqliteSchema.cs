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

        // 2: the change stream. Every conversation gets a rev counter; messages, links and the conversation record
        // carry the rev of their latest change. Existing data is numbered so the counter stays gap-free: creation
        // is rev 1 (the conversation and every link it has now), then message seq n is rev n + 1. Links become
        // tombstones instead of rows that disappear; the creator's link is OWNER, everyone else's MEMBER.
        // Reactions are keyed (message, emoji, user) in their own table, with the totals and reactor ids kept as
        // JSON on the message so reading a message needs no join; mentions are a JSON array of user ids.
        """
        ALTER TABLE conversations ADD COLUMN last_rev INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE conversations ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE conversations ADD COLUMN direct_key TEXT;
        UPDATE conversations SET last_rev = last_seq + 1;
        -- At most one direct conversation per pair of users: the race between two find-or-creates ends here.
        CREATE UNIQUE INDEX ux_conversations_direct ON conversations (direct_key) WHERE direct_key IS NOT NULL;

        ALTER TABLE convo_links ADD COLUMN role TEXT NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER'));
        ALTER TABLE convo_links ADD COLUMN removed_at TEXT;
        ALTER TABLE convo_links ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
        UPDATE convo_links SET role = 'OWNER'
            WHERE user_id = (SELECT c.created_by FROM conversations c WHERE c.id = convo_links.conversation_id);
        CREATE INDEX ix_links_conversation_rev ON convo_links (conversation_id, rev, id);

        ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN edited_at TEXT;
        ALTER TABLE messages ADD COLUMN deleted_at TEXT;
        ALTER TABLE messages ADD COLUMN deleted_by TEXT;
        ALTER TABLE messages ADD COLUMN reply_to_id TEXT;
        ALTER TABLE messages ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE messages ADD COLUMN mentions_all INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE messages ADD COLUMN reactions TEXT NOT NULL DEFAULT '[]';
        UPDATE messages SET rev = seq + 1;
        -- Messages never share a rev (only creation stamps several records, and those are the conversation and links).
        CREATE UNIQUE INDEX ux_messages_conversation_rev ON messages (conversation_id, rev);

        CREATE TABLE message_reactions (
            message_id  TEXT NOT NULL REFERENCES messages (id),
            emoji       TEXT NOT NULL,
            user_id     TEXT NOT NULL REFERENCES users (id),
            created_at  TEXT NOT NULL,
            PRIMARY KEY (message_id, emoji, user_id)
        ) STRICT, WITHOUT ROWID;
        """,

        // 3: full-text search over messages, kept by triggers; indexes the messages already there.
        SqliteSearchSchema.Migration,
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
