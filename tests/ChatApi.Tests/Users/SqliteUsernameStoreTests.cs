using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Sqlite;
using Chatt.ChatApi.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Users;

public sealed class SqliteUsernameStoreTests(SqliteTempFolder folder) : UsernameStoreContract, IClassFixture<SqliteTempFolder>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await folder.NewStoreAsync(Ct);

    [Fact]
    public async Task A_database_from_before_username_keys_gets_them_and_its_later_lookalike_a_derived_name()
    {
        // A file as the code before username keys left it (the key columns taken off again), holding two names the
        // key now calls one.
        var file = folder.NewFile();
        var store = await SqliteTempFolder.OpenAsync(file, Ct);
        await ExecuteAsync(file, """
            DROP INDEX ux_users_username_key;
            ALTER TABLE users DROP COLUMN username_key;
            ALTER TABLE users DROP COLUMN provider_username_key;
            INSERT INTO users (id, subject, username, created_at, updated_at) VALUES ('u1', 'sub-alice', 'alice', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
            INSERT INTO users (id, subject, username, created_at, updated_at) VALUES ('u2', 'sub-fake', 'аlice', '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z');
            """);

        await store.MigrateAsync(Ct);

        Assert.Equal("alice", (await store.GetUserAsync("u1", Ct))!.Username);
        Assert.StartsWith("аlice-", (await store.GetUserAsync("u2", Ct))!.Username, StringComparison.Ordinal);
        var (newcomer, created) = await store.ProvisionUserAsync("sub-new", "ALICE", Ct);
        Assert.True(created);
        Assert.StartsWith("ALICE-", newcomer.Username, StringComparison.Ordinal);
        Assert.Equal(["u1"], (await store.FindUsersByUsernameAsync(["alice"], Ct)).Select(u => u.Id));
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(SqliteTempFolder.ConnectionString(file));
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
