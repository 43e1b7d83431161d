using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// A database written by the build before the change stream (schema version 1, its statements kept verbatim below)
/// opened by this build: the data stays, and gets the change stream's numbering and defaults.
/// </summary>
public sealed class SqliteMigrationTests(SqliteTempFolder folder) : IClassFixture<SqliteTempFolder>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Schema version 1 exactly as it shipped (SqliteSchema's first migration), and rows as that build wrote them.
    private const string VersionOneSchema = """
        CREATE TABLE users (id TEXT NOT NULL PRIMARY KEY, subject TEXT NOT NULL, username TEXT NOT NULL COLLATE NOCASE,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
        CREATE UNIQUE INDEX ux_users_subject ON users (subject);
        CREATE UNIQUE INDEX ux_users_username ON users (username COLLATE NOCASE);
        CREATE INDEX ix_users_created ON users (created_at, id);
        CREATE TABLE conversations (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, created_by TEXT NOT NULL REFERENCES users (id),
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0, last_activity_at TEXT NOT NULL) STRICT;
        CREATE INDEX ix_conversations_activity ON conversations (last_activity_at, id);
        CREATE TABLE convo_links (id TEXT NOT NULL PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id),
            conversation_id TEXT NOT NULL REFERENCES conversations (id), created_at TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
        CREATE UNIQUE INDEX ux_links_conversation_user ON convo_links (conversation_id, user_id);
        CREATE INDEX ix_links_user ON convo_links (user_id, created_at, id);
        CREATE INDEX ix_links_conversation ON convo_links (conversation_id, created_at, id);
        CREATE TABLE messages (id TEXT NOT NULL PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations (id),
            author_id TEXT NOT NULL REFERENCES users (id), content TEXT NOT NULL, seq INTEGER NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, client_created_at TEXT) STRICT;
        CREATE UNIQUE INDEX ux_messages_conversation_seq ON messages (conversation_id, seq);
        CREATE INDEX ix_messages_author ON messages (author_id, created_at, id);
        CREATE TABLE read_marks (conversation_id TEXT NOT NULL REFERENCES conversations (id), user_id TEXT NOT NULL REFERENCES users (id),
            seq INTEGER NOT NULL, PRIMARY KEY (conversation_id, user_id)) STRICT, WITHOUT ROWID;
        PRAGMA user_version = 1;

        INSERT INTO users VALUES ('u-alice', 'sub-alice', 'alice', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
        INSERT INTO users VALUES ('u-bob', 'sub-bob', 'bob', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:01.000Z');
        INSERT INTO conversations VALUES ('c-1', 'old chat', 'u-alice', '2026-01-01T00:01:00.000Z', '2026-01-01T00:03:00.000Z', 3, '2026-01-01T00:03:00.000Z');
        INSERT INTO conversations VALUES ('c-empty', 'quiet', 'u-bob', '2026-01-01T00:05:00.000Z', '2026-01-01T00:05:00.000Z', 0, '2026-01-01T00:05:00.000Z');
        INSERT INTO convo_links VALUES ('l-1', 'u-alice', 'c-1', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:00.000Z');
        INSERT INTO convo_links VALUES ('l-2', 'u-bob', 'c-1', '2026-01-01T00:02:00.000Z', '2026-01-01T00:02:00.000Z');
        INSERT INTO convo_links VALUES ('l-3', 'u-bob', 'c-empty', '2026-01-01T00:05:00.000Z', '2026-01-01T00:05:00.000Z');
        INSERT INTO messages VALUES ('m-1', 'c-1', 'u-alice', 'first', 1, '2026-01-01T00:01:30.000Z', '2026-01-01T00:01:30.000Z', NULL);
        INSERT INTO messages VALUES ('m-2', 'c-1', 'u-bob', 'second', 2, '2026-01-01T00:02:30.000Z', '2026-01-01T00:02:30.000Z', 'client');
        INSERT INTO messages VALUES ('m-3', 'c-1', 'u-alice', 'third', 3, '2026-01-01T00:03:00.000Z', '2026-01-01T00:03:00.000Z', NULL);
        INSERT INTO read_marks VALUES ('c-1', 'u-bob', 2);
        """;

    [Fact]
    public async Task A_database_of_the_previous_schema_keeps_its_data_and_gets_revs_roles_and_defaults()
    {
        var file = folder.NewFile();
        await using (var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file)))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = VersionOneSchema;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var store = await SqliteTempFolder.OpenAsync(file, Ct);

        var conversation = (await store.GetConversationAsync("c-1", Ct))!;
        Assert.Equal(("old chat", 3L, 4L, 1L, false), (conversation.Name, conversation.LastSeq, conversation.LastRev, conversation.Rev, conversation.Direct));
        var empty = (await store.GetConversationAsync("c-empty", Ct))!;
        Assert.Equal((0L, 1L), (empty.LastSeq, empty.LastRev));
        var messages = (await store.ListMessagesAsync("c-1", null, new PageRequest(10), Ct)).Items;
        Assert.Equal(["first", "second", "third"], messages.Select(m => m.Content));
        Assert.Equal([2L, 3L, 4L], messages.Select(m => m.Rev));
        Assert.Equal("client", messages[1].ClientCreatedAt);
        Assert.All(messages, m => Assert.True(m.MentionIds.Count == 0 && m.Reactions.Count == 0 && !m.MentionsAll && m.DeletedAt is null && m.EditedAt is null));
        var alice = (await store.GetLinkAsync("c-1", "u-alice", Ct))!;
        var bob = (await store.GetLinkAsync("c-1", "u-bob", Ct))!;
        Assert.Equal((ConvoRole.Owner, 1L), (alice.Role, alice.Rev));
        Assert.Equal((ConvoRole.Member, 1L, (DateTimeOffset?)null), (bob.Role, bob.Rev, bob.RemovedAt));
        Assert.Equal(ConvoRole.Owner, (await store.GetLinkAsync("c-empty", "u-bob", Ct))!.Role);
        Assert.Equal(1, await store.CountUnreadAsync("c-1", "u-bob", Ct));
        Assert.Equal((long)SqliteSchema.LatestVersion, await UserVersionAsync(file));

        // The counters carry on from the migrated numbering, and a replay from 0 is the whole history.
        var next = await store.AppendMessageAsync(new NewMessage
        {
            Id = "m-4", ConversationId = "c-1", AuthorId = "u-bob", Content = "after the upgrade", CreatedAt = DateTimeOffset.UtcNow,
        }, Ct);
        Assert.Equal((4L, 5L), (next.Message.Seq, next.Message.Rev));
        var replay = await store.ListChangesAsync("c-1", 0, 100, Ct);
        Assert.Equal([1L, 1L, 1L, 2L, 3L, 4L, 5L], replay.Items.Select(i => i.Rev));
        Assert.Equal(5L, replay.ThroughRev);
    }

    private static async Task<long> UserVersionAsync(string file)
    {
        await using var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
