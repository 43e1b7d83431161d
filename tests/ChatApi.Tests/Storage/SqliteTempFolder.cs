using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>A temporary folder of SQLite files for one test class, deleted after it (pools cleared first).</summary>
public sealed class SqliteTempFolder : IDisposable
{
    private int files;

    public string Path { get; } = Directory.CreateTempSubdirectory("chatt-sqlite-").FullName;

    public static string ConnectionString(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();

    public string NewFile() => System.IO.Path.Combine(Path, $"store-{Interlocked.Increment(ref files)}.db");

    /// <summary>A fresh store on a new file in this folder, schema migrated.</summary>
    public Task<SqliteChatStore> NewStoreAsync(CancellationToken cancellationToken) => OpenAsync(NewFile(), cancellationToken);

    /// <summary>A store on <paramref name="file"/> as ChatApi opens one at start: its schema migrated to the latest version.</summary>
    public static async Task<SqliteChatStore> OpenAsync(string file, CancellationToken cancellationToken)
    {
        var store = new SqliteChatStore(ConnectionString(file), TimeProvider.System, new IdGenerator(TimeProvider.System));
        await store.MigrateAsync(cancellationToken);
        return store;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
