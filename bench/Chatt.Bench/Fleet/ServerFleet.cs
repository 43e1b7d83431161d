using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Chatt.Bench.Fleet;

/// <summary>
/// The servers under test, started by the generator so one command runs a measurement: one or more ChatApi
/// processes (Benchmark environment, loopback, one shared fresh SQLite file, a random signing key the generator
/// mints tokens with) and, for more than one, a local nats-server they share as the event bus. Or, with
/// <c>--url</c>, a target someone else started (then no server CPU or memory is read unless <c>--server-pid</c>).
/// </summary>
internal sealed class ServerFleet : IAsyncDisposable
{
    private readonly List<Process> processes = [];
    private readonly string? dataFolder;

    private ServerFleet(IReadOnlyList<Uri> urls, IReadOnlyList<int> serverPids, string signingKey, string? dataFolder)
    {
        Urls = urls;
        ServerPids = serverPids;
        SigningKey = signingKey;
        this.dataFolder = dataFolder;
    }

    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>The ChatApi processes (and nats-server, when there is one): the CPU and memory the scenarios read.</summary>
    public IReadOnlyList<int> ServerPids { get; }

    public IReadOnlyList<int> ChatApiPids { get; private init; } = [];

    public string SigningKey { get; }

    public static ServerFleet External(Uri url, string signingKey, IReadOnlyList<int> pids) => new([url], pids, signingKey, null) { ChatApiPids = pids };

    public static async Task<ServerFleet> StartAsync(string chatApiDll, int instances, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var data = Directory.CreateTempSubdirectory("chatt-bench-").FullName;
        var started = new List<Process>();
        var urls = new List<Uri>();
        try
        {
            string? natsUrl = null;
            if (instances > 1)
            {
                var (natsPort, monitorPort) = (FreePort(), FreePort());
                started.Add(Start("nats-server", ["-a", "127.0.0.1", "-p", $"{natsPort}", "-m", $"{monitorPort}"], null, new Dictionary<string, string>()));
                await WaitReadyAsync(new Uri($"http://127.0.0.1:{monitorPort}/healthz"), started[^1], cancellationToken);
                natsUrl = $"nats://127.0.0.1:{natsPort}";
            }

            var natsKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            for (var i = 0; i < instances; i++)
            {
                var url = new Uri($"http://127.0.0.1:{FreePort()}/");
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
                    ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
                    ["ConnectionStrings__chatdb"] = $"Data Source={Path.Combine(data, "chatt.db")}",
                    ["Authentication__Schemes__Bearer__ValidIssuer"] = BenchTokens.Issuer,
                    ["Authentication__Schemes__Bearer__ValidAudiences__0"] = BenchTokens.Audience,
                    ["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = BenchTokens.Issuer,
                    ["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = key,
                    ["Logging__LogLevel__Default"] = "Warning",
                    // The per-caller rate limit is off: the generator is a few callers sending as fast as they can on purpose.
                    ["GraphQL__RateLimit__Enabled"] = "false",
                };
                if (natsUrl is not null)
                {
                    environment["ConnectionStrings__nats"] = natsUrl;
                    environment["Nats__SigningKey"] = natsKey;
                }

                started.Add(Start("dotnet", [chatApiDll], Path.GetDirectoryName(Path.GetFullPath(chatApiDll)), environment));
                await WaitReadyAsync(new Uri(url, "alive"), started[^1], cancellationToken);
                urls.Add(url);
            }

            var chatApis = started.Where(p => p.StartInfo.FileName == "dotnet").Select(p => p.Id).ToArray();
            return new ServerFleet(urls, started.Select(p => p.Id).ToArray(), key, data) { ChatApiPids = chatApis }.Adopt(started);
        }
        catch
        {
            foreach (var process in started)
            {
                Stop(process);
            }

            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    private ServerFleet Adopt(List<Process> started)
    {
        processes.AddRange(started);
        return this;
    }

    private static Process Start(string file, string[] arguments, string? workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        // Drained so a chatty server never blocks on a full pipe; errors are shown.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"[{Path.GetFileName(file)} {process.Id}] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(Uri probe, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(probe, cancellationToken);
                if (response.IsSuccessStatusCode)
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

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{probe} did not answer within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        // ChatApi instances first, the bus last.
        foreach (var process in Enumerable.Reverse(processes))
        {
            Stop(process);
        }

        if (dataFolder is not null && Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
