using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using DotNet.Testcontainers.Builders;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace Chatt.Tests.Support;

/// <summary>
/// A MongoDB server for the store tests: the one <c>CHATT_TEST_MONGO</c> names (a connection string to a replica set
/// or sharded cluster), else a throwaway single-node replica set in Docker (the store needs transactions, and
/// Testcontainers' MongoDB is a replica set only with <c>WithReplicaSet()</c>), else none — then every test that asks
/// for a store is skipped with <see cref="UnavailableReason"/>. Each store gets its own database, dropped at the end.
/// </summary>
public sealed class MongoTestServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "CHATT_TEST_MONGO";

    // Without a Docker engine Build() throws within a fraction of a second; asked once per test run. Build() only
    // configures: nothing exists in Docker before StartAsync, so the probe's container is simply dropped.
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)))
        {
            return null;
        }

        try
        {
            _ = NewContainer();
            return null;
        }
        catch (DockerUnavailableException)
        {
            return $"MongoDB tests need Docker or {EnvironmentVariable}; neither is available.";
        }
    });

    private readonly List<string> databases = [];
    private MongoDbContainer? container;
    private string? connectionString;
    private MongoClient? client;

    /// <summary>Why there is no server here, or null when there is one.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public async ValueTask InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            container = NewContainer();
            await container.StartAsync(TestContext.Current.CancellationToken);
            connectionString = container.GetConnectionString();
        }

        client = new MongoClient(connectionString);
    }

    /// <summary>A new client on the same server, as a second ChatApi instance would have.</summary>
    public MongoClient NewClient() => new(connectionString);

    /// <summary>A fresh, empty, initialized store in a database of its own; skips the calling test when there is no server.</summary>
    public async Task<MongoChatStore> NewStoreAsync(CancellationToken cancellationToken) =>
        (await NewDatabaseAsync(cancellationToken)).Store;

    /// <summary>Like <see cref="NewStoreAsync"/>, also naming the database so a second instance can open it.</summary>
    public async Task<(MongoChatStore Store, string DatabaseName)> NewDatabaseAsync(CancellationToken cancellationToken)
    {
        if (UnavailableReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var name = "chatt_test_" + Guid.NewGuid().ToString("N")[..12];
        lock (databases)
        {
            databases.Add(name);
        }

        var store = StoreOn(client!, name);
        await store.InitializeAsync(cancellationToken);
        return (store, name);
    }

    /// <summary>A store on an existing database through the given client (another ChatApi instance, in effect).</summary>
    public static MongoChatStore StoreOn(IMongoClient client, string databaseName) =>
        new(client.GetDatabase(databaseName), TimeProvider.System, new IdGenerator(TimeProvider.System));

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            foreach (var name in databases)
            {
                await client.DropDatabaseAsync(name);
            }

            client.Dispose();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    private static MongoDbContainer NewContainer() => new MongoDbBuilder("mongo:8.0").WithReplicaSet().Build();
}
