using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Chatt.Tests.Support;

/// <summary>
/// A real <c>nats-server</c> on free loopback ports, ready once its monitoring <c>/healthz</c> answers ok.
/// It requires a user and password (generated per server, as the app host and the chart do), so
/// <see cref="Url"/> carries them and <see cref="AnonymousUrl"/> is what a client without credentials would use.
/// Can be stopped and started again on the same ports (outage tests). Tests skip where the binary is missing.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private Process? _process;

    private NatsServer(int port, int monitorPort)
    {
        Port = port;
        MonitorPort = monitorPort;
    }

    public static string? BinaryPath { get; } = Find();

    public int Port { get; }
    public int MonitorPort { get; }
    public string User { get; } = "chatapi";
    public string Password { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>The URL with this server's credentials, as an instance of the deployment has it.</summary>
    public string Url => $"nats://{User}:{Password}@127.0.0.1:{Port}";

    /// <summary>The URL without credentials.</summary>
    public string AnonymousUrl => $"nats://127.0.0.1:{Port}";
    public bool IsRunning => _process is { HasExited: false };

    public static void SkipIfMissing()
    {
        if (BinaryPath is null)
        {
            Assert.Skip("nats-server is not installed: `apt-get install -y nats-server` (Debian 12 ships 2.9.10); `.ci/run` installs it.");
        }
    }

    public static async Task<NatsServer> StartAsync(CancellationToken cancellationToken)
    {
        SkipIfMissing();
        // A port found free can be taken by a parallel test before nats-server binds it: try fresh ports a few times.
        for (var attempt = 1; ; attempt++)
        {
            var server = new NatsServer(FreePort(), FreePort());
            try
            {
                await server.StartAgainAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await server.StopAsync();
            }
        }
    }

    /// <summary>A free port where nothing listens (for "NATS unreachable" scenarios).</summary>
    public static NatsServer Unstarted()
    {
        SkipIfMissing();
        return new NatsServer(FreePort(), FreePort());
    }

    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("nats-server is already running.");
        }
        var start = new ProcessStartInfo(BinaryPath!)
        {
            ArgumentList = { "-a", "127.0.0.1", "-p", Port.ToString(), "-m", MonitorPort.ToString(), "--user", User, "--pass", Password },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nats-server did not start.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"nats-server exited with {process.ExitCode} (port {Port} taken?): {string.Join(" | ", errors)}");
            }
            try
            {
                var health = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{MonitorPort}/healthz"), cancellationToken);
                if (health.Contains("\"ok\"", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(20, cancellationToken);
        }
        throw new TimeoutException($"nats-server did not report healthy within {StartTimeout}.");
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>The subjects the server holds for the client connection named <paramref name="connectionName"/>.</summary>
    public async Task<IReadOnlyList<string>> SubscriptionsOfAsync(string connectionName, CancellationToken cancellationToken)
    {
        var json = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{MonitorPort}/connz?subs=1"), cancellationToken);
        using var doc = JsonDocument.Parse(json);
        var subjects = new List<string>();
        if (doc.RootElement.TryGetProperty("connections", out var connections) && connections.ValueKind == JsonValueKind.Array)
        {
            foreach (var connection in connections.EnumerateArray())
            {
                if (connection.TryGetProperty("name", out var name) && name.GetString() == connectionName
                    && connection.TryGetProperty("subscriptions_list", out var list))
                {
                    subjects.AddRange(list.EnumerateArray().Select(s => s.GetString()!));
                }
            }
        }
        return subjects;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/sbin", "/usr/local/bin", "/usr/bin"]);
        return dirs.Select(d => Path.Combine(d, "nats-server")).FirstOrDefault(File.Exists);
    }
}
