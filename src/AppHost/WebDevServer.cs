namespace Chatt.AppHost;

/// <summary>
/// Vite's dev server for src/Web (<c>npm run dev</c>), only behind the <c>WebDevServer</c> switch: normally the
/// Gateway serves the built client and nothing else runs. The dev server's port is its own (5173, which the
/// Gateway's Development settings allow as a WebSocket origin), so it is not proxied.
/// </summary>
internal static class WebDevServer
{
    public const int Port = 5173;

    public static IResourceBuilder<ExecutableResource> AddWebDevServer(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ProjectResource> gateway) =>
        builder.AddExecutable(name, "npm", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "Web")),
                "run", "dev", "--", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--strictPort")
            .WithEnvironment("CHATT_GATEWAY", gateway.GetEndpoint("http"))
            .WithHttpEndpoint(port: Port, isProxied: false)
            .WithExternalHttpEndpoints()
            .WaitFor(gateway)
            .ExcludeFromManifest();
}
