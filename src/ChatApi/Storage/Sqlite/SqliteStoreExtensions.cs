using Chatt.ChatApi.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatt.ChatApi.Storage.Sqlite;

public static class SqliteStoreExtensions
{
    /// <summary>
    /// Registers the SQLite store as the <see cref="IChatStore"/> and migrates its schema at start.
    /// <paramref name="connectionString"/> is a Microsoft.Data.Sqlite connection string
    /// (see <see cref="SqliteConnectionStrings.FromConfiguration"/>).
    /// </summary>
    public static IServiceCollection AddSqliteChatStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdGenerator>();
        services.AddSingleton(sp => new SqliteChatStore(connectionString, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IdGenerator>()));
        services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<SqliteChatStore>());
        services.AddSingleton<IMessageSearch>(sp => sp.GetRequiredService<SqliteChatStore>());
        services.AddHostedService<SqliteSchemaInitializer>();
        return services;
    }
}
