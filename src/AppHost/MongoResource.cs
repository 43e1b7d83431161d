using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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

        // One instance for the app host's lifetime: the registration's factory runs for every check, and the
        // check keeps one MongoClient (with its connection pool) rather than opening a new one each time.
        var healthCheckKey = $"{name}-replica-set";
        var healthCheck = new MongoReplicaSetHealthCheck(mongo.Resource);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => healthCheck, failureStatus: null, tags: null));
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
