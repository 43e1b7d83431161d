using Microsoft.Data.Sqlite;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>Turns the <c>ConnectionStrings:chatdb</c> value into a Microsoft.Data.Sqlite connection string.</summary>
public static class SqliteConnectionStrings
{
    public const string DefaultRelativePath = "data/chatt.db";

    /// <summary>
    /// Absent or blank → <c>data/chatt.db</c> under <paramref name="contentRoot"/>; <c>Data Source=…</c> → that file,
    /// a relative path being taken from the content root too. The file's folder is created; pooling stays on.
    /// </summary>
    public static string FromConfiguration(string? configured, string contentRoot)
    {
        var builder = string.IsNullOrWhiteSpace(configured)
            ? new SqliteConnectionStringBuilder { DataSource = DefaultRelativePath }
            : new SqliteConnectionStringBuilder(configured);

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new InvalidOperationException("ConnectionStrings:chatdb names no SQLite 'Data Source'.");
        }

        var inMemory = builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        builder.Pooling = true;
        return builder.ToString();
    }
}
