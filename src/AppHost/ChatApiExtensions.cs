namespace Chatt.AppHost;

/// <summary>What ChatApi is given, in the settings it reads (<c>ConnectionStrings:chatdb</c>, <c>ConnectionStrings:nats</c>).</summary>
internal static class ChatApiExtensions
{
    /// <summary>MongoDB when there is one; otherwise one SQLite file under the data directory that every replica shares.</summary>
    public static IResourceBuilder<ProjectResource> WithChatStore(this IResourceBuilder<ProjectResource> chatApi,
        IResourceBuilder<MongoContainerResource>? mongo, string sqliteFile) =>
        mongo is not null
            ? chatApi.WithReference(mongo, connectionName: "chatdb").WaitFor(mongo)
            : chatApi.WithEnvironment("ConnectionStrings__chatdb", $"Data Source={sqliteFile}");

    /// <summary>
    /// The NATS bus when there is one, with its credentials and the replicas' shared signing key. Without it
    /// ChatApi falls back to its in-process bus, which only reaches subscribers of the same process — so then
    /// there must be exactly one replica.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithChatEvents(this IResourceBuilder<ProjectResource> chatApi,
        IResourceBuilder<IResourceWithConnectionString>? nats, NatsSecrets secrets) =>
        nats is not null
            ? chatApi.WithReference(nats).WaitFor(nats)
                .WithEnvironment("Nats__User", secrets.User)
                .WithEnvironment("Nats__Password", secrets.Password)
                .WithEnvironment("Nats__SigningKey", secrets.SigningKey)
                .WithReplicas(2)
            : chatApi.WithReplicas(1);
}
