namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// Creates or migrates the schema before the server starts listening (hosted services start before the
/// web server), so no request ever meets a missing table.
/// </summary>
internal sealed class SqliteSchemaInitializer(SqliteChatStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
