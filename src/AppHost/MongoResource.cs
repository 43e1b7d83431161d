using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Chatt.AppHost;

/// <summary>
/// MongoDB as a container with a named volume, run as a single-node replica set because ChatApi's store uses
/// multi-document transactions (a standalone mongod is refused at its start). The connection string names the
/// <c>chatt</c> database and connects directly: the set's member calls itself <c>localhost:27017</c> inside the
/// container, a name that means nothing on the host.
/// </summary>
internal static class MongoResource
{
    private const string Endpoint = "tcp";

    public static IResourceBuilder<MongoContainerResource> AddMongo(this IDistributedApplicationBuilder builder, string name)
    {
        var mongo = builder.AddResource(new MongoContainerResource(name))
            .WithImage("library/mongo", "8.0")
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 27017, name: Endpoint, scheme: "tcp")
            .WithVolume("chatt-mongo", "/data/db")
            .WithArgs("--replSet", "rs0", "--bind_ip_all");

        var healthCheckKey = $"{name}-replica-set";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new MongoReplicaSetHealthCheck(mongo.Resource), failureStatus: null, tags: null));
        return mongo.WithHealthCheck(healthCheckKey);
    }

    internal static ReferenceExpression ConnectionString(MongoContainerResource mongo)
    {
        var endpoint = new EndpointReference(mongo, Endpoint);
        return ReferenceExpression.Create(
            $"mongodb://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}/chatt?directConnection=true");
    }
}

internal sealed class MongoContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => MongoResource.ConnectionString(this);
}

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
