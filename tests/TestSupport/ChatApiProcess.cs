using System.Diagnostics;
using System.Net;
using System.Text;

namespace Chatt.Tests.Support;

/// <summary>
/// ChatApi as its own OS process (<c>dotnet ChatApi.dll</c>, the build every test project carries beside itself),
/// configured only through environment variables as a container would be, on a loopback port that stays the same
/// across <see cref="Kill"/> and <see cref="StartAgainAsync"/>. <see cref="Kill"/> is SIGKILL: no graceful stop, no
/// outbox drain, whatever was in flight is gone — the fault tests' crash.
/// </summary>
public sealed class ChatApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _contentRoot;
    private readonly Queue<string> _output = new();
    private Process? _process;

    private ChatApiProcess(string name, int port, IReadOnlyDictionary<string, string?> settings, string contentRoot)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _settings = settings;
        _contentRoot = contentRoot;
    }

    public string Name { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    public Uri GraphQLUri => new(BaseAddress, "graphql");

    public Uri WebSocketUri => new UriBuilder(GraphQLUri) { Scheme = "ws" }.Uri;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>When the process ended without being killed: its exit code and last output (for the test output); else null.</summary>
    public string? Crash => _process is { HasExited: true } process ? $"ChatApi {Name} exited by itself with {process.ExitCode}:\n{Output}" : null;

    /// <summary>The last lines the process wrote (its logs), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts an instance with <paramref name="settings"/> (configuration keys, <c>:</c>-separated) in the Development
    /// environment, and waits until <c>/health</c> answers 200 (store reachable, bus connected).
    /// </summary>
    public static async Task<ChatApiProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, string contentRoot, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(contentRoot);
        var instance = new ChatApiProcess(name, Loopback.FreePort(IPAddress.Loopback), settings, contentRoot);
        await instance.StartAgainAsync(cancellationToken);
        return instance;
    }

    /// <summary>Starts the process again on the same port (after <see cref="Kill"/>).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"ChatApi {Name} is already running.");
        }

        var start = new ProcessStartInfo(DotnetHost.Executable)
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ChatApi.dll"), "--contentRoot", _contentRoot },
            WorkingDirectory = _contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test runner's own environment that would change the service's behaviour.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                     || k.Contains("__", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start ChatApi {Name}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilHealthyAsync(process, cancellationToken);
    }

    /// <summary>kill -9: the process ends at once, mid-request, mid-write, with its outbox and sockets.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            process.Dispose();
        }
    }

    private async Task WaitUntilHealthyAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ChatApi {Name} exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var health = await Http.GetAsync(new Uri(BaseAddress, "health"), cancellationToken);
                last = $"{(int)health.StatusCode} {await health.Content.ReadAsStringAsync(cancellationToken)}";
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"ChatApi {Name} did not answer /health with 200 within {StartTimeout} (last: {last}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
