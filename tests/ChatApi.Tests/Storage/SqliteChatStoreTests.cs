using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>The store contract on SQLite, plus what only a file-backed store has: WAL, migrations.</summary>
public sealed class SqliteChatStoreTests(SqliteTempFolder folder) : ChatStoreContract, IClassFixture<SqliteTempFolder>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await folder.NewStoreAsync(Ct);

    [Fact]
    public async Task The_schema_is_created_in_WAL_mode_at_the_latest_version()
    {
        var file = folder.NewFile();
        var store = await SqliteTempFolder.OpenAsync(file, Ct);

        await using var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await connection.OpenAsync(Ct);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteSchema.LatestVersion, await ScalarAsync(connection, "PRAGMA user_version;"));
    }

    [Fact]
    public async Task Migrating_an_existing_file_again_keeps_its_data()
    {
        var file = folder.NewFile();
        var first = await SqliteTempFolder.OpenAsync(file, Ct);
        var (alice, _) = await first.ProvisionUserAsync("sub-alice", "alice", Ct);

        var second = await SqliteTempFolder.OpenAsync(file, Ct);

        Assert.Equal(alice, await second.GetUserAsync(alice.Id, Ct));
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
