using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using Chatt.ChatApi.Storage.Sqlite;

namespace Chatt.ChatApi.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// The one place that picks the store, from Aspire's convention <c>ConnectionStrings:chatdb</c>:
    /// absent → SQLite at <c>data/chatt.db</c> under the content root; <c>mongodb://</c> or <c>mongodb+srv://</c>
    /// → MongoDB (database from the URL, else <c>Storage:MongoDatabase</c>, else <c>chatt</c>); anything else is a
    /// SQLite connection string (<c>Data Source=…</c>).
    /// </summary>
    public static IHostApplicationBuilder AddChatStore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("chatdb");
        if (connectionString is not null
            && (connectionString.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase)
                || connectionString.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Services.AddMongoChatStore(connectionString, builder.Configuration["Storage:MongoDatabase"]);
            builder.Services.AddSingleton(new ComponentChoice("Store", "MongoDB"));
            return builder;
        }

        var sqlite = SqliteConnectionStrings.FromConfiguration(connectionString, builder.Environment.ContentRootPath);
        builder.Services.AddSqliteChatStore(sqlite);
        builder.Services.AddSingleton(new ComponentChoice("Store", $"SQLite ({sqlite})"));
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return builder;
    }
}
