namespace Chatt.AppHost;

/// <summary>
/// NATS with JetStream, as a container (with a named volume) or as a local <c>nats-server</c> executable (with a
/// folder under the data directory). Either way the resource's connection string is <c>nats://host:port</c>, so
/// <c>WithReference(nats)</c> gives a service <c>ConnectionStrings:nats</c>, and it is healthy when the
/// monitoring endpoint's <c>/healthz</c> answers (a raw TCP connect succeeds before JetStream is ready).
/// Either way it requires the user and password of <see cref="NatsSecrets"/>; the credentials reach ChatApi as
/// settings of their own (<see cref="ChatApiExtensions.WithChatEvents"/>), not inside the URL.
/// </summary>
internal static class NatsResource
{
    private const string ClientEndpoint = "tcp";
    private const string MonitorEndpoint = "monitor";

    public static IResourceBuilder<NatsContainerResource> AddNatsContainer(this IDistributedApplicationBuilder builder, string name,
        NatsSecrets secrets) =>
        builder.AddResource(new NatsContainerResource(name))
            .WithImage("library/nats", "2.10")
            .WithImageRegistry("docker.io")
            .WithEndpoint(targetPort: 4222, name: ClientEndpoint, scheme: "tcp")
            .WithHttpEndpoint(targetPort: 8222, name: MonitorEndpoint)
            .WithArgs("-js", "-sd", "/data", "-m", "8222", "--user", secrets.User, "--pass", secrets.Password)
            .WithVolume("chatt-nats", "/data")
            .WithHttpHealthCheck("/healthz", endpointName: MonitorEndpoint);

    public static IResourceBuilder<NatsServerResource> AddNatsServer(this IDistributedApplicationBuilder builder, string name,
        string executable, string storeDirectory, NatsSecrets secrets)
    {
        Directory.CreateDirectory(storeDirectory);
        var nats = builder.AddResource(new NatsServerResource(name, executable, storeDirectory))
            .WithEndpoint(name: ClientEndpoint, scheme: "tcp")
            .WithHttpEndpoint(name: MonitorEndpoint);
        var client = nats.GetEndpoint(ClientEndpoint);
        var monitor = nats.GetEndpoint(MonitorEndpoint);
        // The ports come from the endpoints (allocated by the orchestrator, which proxies them), never hard-coded.
        return nats
            .WithArgs(context =>
            {
                context.Args.Add("-a");
                context.Args.Add("127.0.0.1");
                context.Args.Add("-p");
                context.Args.Add(client.Property(EndpointProperty.TargetPort));
                context.Args.Add("-m");
                context.Args.Add(monitor.Property(EndpointProperty.TargetPort));
                context.Args.Add("-js");
                context.Args.Add("-sd");
                context.Args.Add(storeDirectory);
                // Clients must authenticate: anyone on the machine can reach the port.
                context.Args.Add("--user");
                context.Args.Add(secrets.User);
                context.Args.Add("--pass");
                context.Args.Add(secrets.Password);
            })
            .WithHttpHealthCheck("/healthz", endpointName: MonitorEndpoint);
    }

    /// <summary>The full path of <c>nats-server</c> on PATH, or null.</summary>
    public static string? FindNatsServerOnPath()
    {
        var name = OperatingSystem.IsWindows() ? "nats-server.exe" : "nats-server";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    internal static ReferenceExpression ConnectionString(IResourceWithEndpoints nats)
    {
        var client = new EndpointReference(nats, ClientEndpoint);
        return ReferenceExpression.Create(
            $"nats://{client.Property(EndpointProperty.Host)}:{client.Property(EndpointProperty.Port)}");
    }
}

internal sealed class NatsContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => NatsResource.ConnectionString(this);
}

internal sealed class NatsServerResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => NatsResource.ConnectionString(this);
}
