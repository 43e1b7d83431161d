using Chatt.ChatApi.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Driver;

namespace Chatt.ChatApi.Storage.Mongo;

public static class MongoStoreExtensions
{
    /// <summary>The key under which the store's <see cref="IMongoClient"/> and <see cref="IMongoDatabase"/> are registered.</summary>
    public const string ServiceKey = "chatdb";

    public const string DefaultDatabaseName = "chatt";

    /// <summary>
    /// Registers the MongoDB store as the <see cref="IChatStore"/>, its index creation and deployment check at start,
    /// and a "mongodb" health check tagged <c>ready</c>. <paramref name="connectionString"/> is a <c>mongodb://</c> or
    /// <c>mongodb+srv://</c> URL; the database is the one it names, else <paramref name="databaseName"/>, else
    /// <c>chatt</c>. The deployment must run transactions (see <see cref="MongoChatStore"/>).
    /// </summary>
    public static IServiceCollection AddMongoChatStore(this IServiceCollection services, string connectionString, string? databaseName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // Parsing here makes a malformed URL fail at registration, with the driver's message, not at first use.
        var url = MongoUrl.Create(connectionString);
        var name = ResolveDatabaseName(url, databaseName);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdGenerator>();
        // Keyed, so the store's client is never confused with another MongoClient the host may register.
        services.AddKeyedSingleton<IMongoClient>(ServiceKey, (_, _) => new MongoClient(url));
        services.AddKeyedSingleton(ServiceKey, (sp, key) => sp.GetRequiredKeyedService<IMongoClient>(key).GetDatabase(name));
        services.AddSingleton(sp => new MongoChatStore(
            sp.GetRequiredKeyedService<IMongoDatabase>(ServiceKey), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IdGenerator>()));
        services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<MongoChatStore>());
        services.AddSingleton<IMessageSearch>(sp => sp.GetRequiredService<MongoChatStore>());
        services.AddHostedService<MongoStoreInitializer>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "mongodb",
            sp => new MongoHealthCheck(sp.GetRequiredKeyedService<IMongoDatabase>(ServiceKey)),
            HealthStatus.Unhealthy,
            ["ready"],
            TimeSpan.FromSeconds(5)));
        return services;
    }

    /// <summary>The database the connection string names, else the setting, else <c>chatt</c>.</summary>
    public static string ResolveDatabaseName(MongoUrl url, string? databaseName) =>
        !string.IsNullOrEmpty(url.DatabaseName) ? url.DatabaseName
        : !string.IsNullOrWhiteSpace(databaseName) ? databaseName
        : DefaultDatabaseName;
}
