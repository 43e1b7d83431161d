using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Chatt.AppHost.Tests;

/// <summary>
/// The real AppHost, started once for the end-to-end tests in its embedded mode (no containers), with its state
/// in a temporary data directory. Ports are not randomized: the built-in provider's client only accepts the
/// gateway's fixed redirect URI (http://localhost:5080/signin-oidc), so a dev app host must not be running.
/// </summary>
public sealed class EmbeddedChatt : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatt-apphost-" + Guid.NewGuid().ToString("N"));
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        RequireFreePorts(5080, 5090, 5100);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--Containers=never",
            // Without a container runtime DCP would wait 30 s for one before starting anything.
            "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
            "--DcpPublisher:RandomizePorts=false",
            $"--DataDirectory={_dataDirectory}",
        ], timeout.Token);
        builder.Services.AddLogging(logging => logging
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            // Every resource is unhealthy until it has started; those failed checks are expected noise.
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));

        _app = await builder.BuildAsync(timeout.Token);
        await _app.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public Uri Endpoint(string resource) => App.GetEndpoint(resource, "http");

    public Task WaitUntilHealthyAsync(string resource, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);

    /// <summary>The state text of a resource, e.g. the <c>mode</c> row's "embedded".</summary>
    public async Task<ResourceEvent> SnapshotAsync(string resource, CancellationToken cancellationToken) =>
        await App.ResourceNotifications.WaitForResourceAsync(resource, _ => true, cancellationToken);

    /// <summary>
    /// Waits until <paramref name="count"/> replicas of <paramref name="resource"/> are healthy and returns each
    /// one's own address (its <c>ASPNETCORE_URLS</c>, which the orchestrator allocated per replica) — not the
    /// shared proxied endpoint, which spreads connections over the replicas.
    /// </summary>
    public async Task<IReadOnlyList<Uri>> HealthyReplicaUrlsAsync(string resource, int count, CancellationToken cancellationToken)
    {
        var healthy = new Dictionary<string, Uri>(StringComparer.Ordinal);
        await foreach (var update in App.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != resource)
            {
                continue;
            }
            if (update.Snapshot.HealthStatus == HealthStatus.Healthy && OwnUrl(update.Snapshot) is { } url)
            {
                healthy[update.ResourceId] = url;
            }
            else
            {
                healthy.Remove(update.ResourceId);
            }
            if (healthy.Count == count)
            {
                return [.. healthy.Values];
            }
        }
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>Fails at once, naming the port, instead of minutes later with a sign-in that lands on someone else's app.</summary>
    private static void RequireFreePorts(params int[] ports)
    {
        foreach (var port in ports)
        {
            try
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException exception)
            {
                throw new InvalidOperationException(
                    $"Port {port} is taken (is an app host already running?); the embedded app host needs 5080, 5090 and 5100.", exception);
            }
        }
    }

    private static Uri? OwnUrl(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value is { Length: > 0 } urls
            ? new Uri(urls.Split(';')[0])
            : null;
}
