using System.Text;
using Chatt.ChatApi.Common;
using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

// The small ADO.NET helpers the store's operations share.
public sealed partial class SqliteChatStore
{
    // SQLite's own busy handler waits this long for the write lock before a statement reports SQLITE_BUSY.
    private const int BusyTimeoutMilliseconds = 5_000;
    private const int MaxBusyRetries = 5;

    private readonly SemaphoreSlim writeGate = new(1, 1);

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per-connection settings (not stored in the file); cheap enough to repeat on each pooled open.
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a write: one at a time within this process, and again when another process held the file's write lock
    /// past the busy timeout. The gate matters for latency: SQLite's busy handler polls with sleeps of up to 100 ms,
    /// so writers of one process left to race each other for the lock saw tails of ~0.5 s under a burst
    /// (32 concurrent appenders, measured here); queued on the gate, each takes the lock as soon as it is free.
    /// A transaction body must dispose its transaction, so a retry starts clean.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await body();
                }
                catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < MaxBusyRetries)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    public void Dispose() => writeGate.Dispose();

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = Prepare(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first row read by <paramref name="read"/>, or default when there is none.</summary>
    private static async Task<T?> QuerySingleAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Prepare(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : default;
    }

    private static async Task<IReadOnlyList<T>> QueryListAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Prepare(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(read(reader));
        }

        return items;
    }

    /// <summary>Rows whose key is in <paramref name="values"/>, passed as one JSON array parameter whatever its size.</summary>
    private async Task<IReadOnlyList<T>> QueryByValuesAsync<T>(string sql, IReadOnlyCollection<string> values, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        return await QueryListAsync(connection, null, sql, read, cancellationToken, ("@values", System.Text.Json.JsonSerializer.Serialize(values)));
    }

    /// <summary>
    /// Completes a list ordered by (time column, id column) in the page's direction: continues strictly after the
    /// key, applies the filter, orders, and reads one row beyond the limit to know whether a next page exists.
    /// </summary>
    private static Task<Page<T>> PageByTimeAndIdAsync<T>(SqliteCommand command, StringBuilder sql, PageRequest page, string timeColumn, string idColumn,
        Func<FilterField, string?> filterColumn, Func<SqliteDataReader, T> read, Func<T, string> keyOf, CancellationToken cancellationToken)
    {
        ValidateLimit(page);
        var ascending = page.Direction == SortDirection.Asc;
        if (page.AfterKey is { } key)
        {
            var (keyTime, keyId) = PageKeys.ParseTimeAndId(key);
            // A row-value comparison, which SQLite serves from the (time, id) index.
            sql.Append(" AND (").Append(timeColumn).Append(", ").Append(idColumn).Append(ascending ? ") > (@kt, @kid)" : ") < (@kt, @kid)");
            command.Parameters.AddWithValue("@kt", keyTime);
            command.Parameters.AddWithValue("@kid", keyId);
        }

        SqliteFilterSql.AppendWhere(sql, command, page.Filter, filterColumn);
        var direction = ascending ? "" : " DESC";
        sql.Append(" ORDER BY ").Append(timeColumn).Append(direction).Append(", ").Append(idColumn).Append(direction);
        return ReadPageAsync(command, sql, page, read, keyOf, cancellationToken);
    }

    private static async Task<Page<T>> ReadPageAsync<T>(SqliteCommand command, StringBuilder sql, PageRequest page, Func<SqliteDataReader, T> read,
        Func<T, string> keyOf, CancellationToken cancellationToken)
    {
        sql.Append(" LIMIT @limit");
        command.Parameters.AddWithValue("@limit", page.Limit + 1);
        command.CommandText = sql.ToString();
        var items = new List<T>(Math.Min(page.Limit + 1, 128));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(read(reader));
            }
        }

        if (items.Count <= page.Limit)
        {
            return new Page<T>(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, keyOf(items[^1]));
    }

    private static void ValidateLimit(PageRequest page)
    {
        if (page.Limit is < 1 or > PageRequest.MaxLimit)
        {
            throw ChatException.BadInput($"'limit' must be between 1 and {PageRequest.MaxLimit}.");
        }
    }
}
