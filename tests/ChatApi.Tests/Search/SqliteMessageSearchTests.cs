using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Search;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Sqlite;
using Chatt.ChatApi.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Search;

/// <summary>The search contract on SQLite, plus the migration that indexes messages written before search existed.</summary>
public sealed class SqliteMessageSearchTests(SqliteTempFolder folder) : MessageSearchContract, IClassFixture<SqliteTempFolder>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await folder.NewStoreAsync(Ct);

    [Fact]
    public async Task Messages_written_before_the_search_migration_are_found_after_it()
    {
        var file = folder.NewFile();
        var store = new SqliteChatStore(SqliteTempFolder.ConnectionString(file), TimeProvider.System, new IdGenerator(TimeProvider.System));
        await store.MigrateAsync(Ct);
        var (alice, _) = await store.ProvisionUserAsync("sub-alice", "alice", Ct);
        var now = DateTimeOffset.UtcNow;
        var conversation = (await store.CreateConversationAsync(
            new Conversation { Id = "c1", Name = "old", CreatedBy = alice.Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now },
            [new ConvoLink { Id = "l1", UserId = alice.Id, ConversationId = "c1", CreatedAt = now, UpdatedAt = now, Role = ConvoRole.Owner }], Ct)).Conversation;
        // A file as the build before search left it: no FTS tables, no triggers, schema version 2.
        await ExecuteAsync(file, """
            DROP TRIGGER messages_search_insert; DROP TRIGGER messages_search_delete; DROP TRIGGER messages_search_update;
            DROP TABLE message_words; DROP TABLE message_grams;
            PRAGMA user_version = 2;
            """);
        await store.AppendMessageAsync(new NewMessage { Id = "m1", ConversationId = conversation.Id, AuthorId = alice.Id, Content = "legacy deployment notes", CreatedAt = now }, Ct);

        await store.MigrateAsync(Ct);

        var found = await store.SearchMessagesAsync(
            new MessageSearchRequest { Terms = SearchQueryParser.Parse("ployment").Terms, ConversationIds = [conversation.Id] }, new PageRequest(10), Ct);
        Assert.Equal(["m1"], found.Items.Select(m => m.Id));
        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync(file, "PRAGMA user_version;"));
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
