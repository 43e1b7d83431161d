using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Mongo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>How the Mongo store is wired, what it asks of the deployment, and its health check — none of it needs a server.</summary>
public sealed class MongoStoreRegistrationTests
{
    [Theory]
    [InlineData("mongodb://db.example:27017/fromurl", "setting", "fromurl")]
    [InlineData("mongodb://db.example:27017/fromurl?replicaSet=rs0", null, "fromurl")]
    [InlineData("mongodb://db.example:27017", "setting", "setting")]
    [InlineData("mongodb://db.example:27017/", null, "chatt")]
    [InlineData("mongodb://db.example:27017/?replicaSet=rs0", " ", "chatt")]
    public void The_database_comes_from_the_connection_string_else_the_setting_else_chatt(string connectionString, string? setting, string expected) =>
        Assert.Equal(expected, MongoStoreExtensions.ResolveDatabaseName(MongoUrl.Create(connectionString), setting));

    [Fact]
    public async Task Registration_makes_the_store_the_IChatStore_with_index_creation_at_start_and_a_ready_health_check()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddMongoChatStore("mongodb://127.0.0.1:9/chat_prod", "ignored");

        await using var provider = services.BuildServiceProvider();
        Assert.IsType<MongoChatStore>(provider.GetRequiredService<IChatStore>());
        Assert.Equal("chat_prod", provider.GetRequiredKeyedService<IMongoDatabase>(MongoStoreExtensions.ServiceKey).DatabaseNamespace.DatabaseName);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is MongoStoreInitializer);
        var check = Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("mongodb", check.Name);
        Assert.Contains("ready", check.Tags);
    }

    [Fact]
    public void A_malformed_connection_string_fails_at_registration() =>
        Assert.ThrowsAny<MongoException>(() => new ServiceCollection().AddMongoChatStore("mongodb://", null));

    [Fact]
    public async Task The_health_check_is_unhealthy_when_no_server_answers()
    {
        // Port 9 (discard) on loopback has no MongoDB; a short server selection timeout keeps the test fast.
        using var client = new MongoClient("mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=300&connectTimeoutMS=300");
        var check = new MongoHealthCheck(client.GetDatabase("chatt"));
        var registration = new HealthCheckRegistration("mongodb", check, HealthStatus.Unhealthy, ["ready"]);

        var result = await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.NotNull(result.Exception);
    }

    [Theory]
    [InlineData("""{ "isWritablePrimary" : true, "setName" : "rs0" }""", true)]
    [InlineData("""{ "isWritablePrimary" : true, "msg" : "isdbgrid" }""", true)]
    [InlineData("""{ "isWritablePrimary" : true, "maxWireVersion" : 25 }""", false)]
    public void Transactions_need_a_replica_set_or_a_sharded_cluster_not_a_standalone_server(string hello, bool supported) =>
        Assert.Equal(supported, MongoDeployment.SupportsTransactions(BsonDocument.Parse(hello)));
}
