using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Chatt.AppHost;

/// <summary>
/// Healthy once the server is the writable primary of its replica set. A fresh volume holds no replica-set
/// configuration, so the first check that finds none initiates it (later checks see it configured).
/// </summary>
internal sealed class MongoReplicaSetHealthCheck(MongoContainerResource mongo) : IHealthCheck
{
    private MongoClient? _client;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _client ??= new MongoClient(await mongo.ConnectionStringExpression.GetValueAsync(cancellationToken));
            var admin = _client.GetDatabase("admin");
            var hello = await admin.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
            if (hello.GetValue("isWritablePrimary", false).ToBoolean())
            {
                return HealthCheckResult.Healthy();
            }
            if (!hello.Contains("setName"))
            {
                var config = new BsonDocument
                {
                    { "_id", "rs0" },
                    { "members", new BsonArray { new BsonDocument { { "_id", 0 }, { "host", "localhost:27017" } } } },
                };
                await admin.RunCommandAsync<BsonDocument>(new BsonDocument("replSetInitiate", config), cancellationToken: cancellationToken);
            }
            return HealthCheckResult.Unhealthy("Waiting for the replica set to elect this node primary.");
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}
