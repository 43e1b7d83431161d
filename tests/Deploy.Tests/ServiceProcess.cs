using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Chatt.Deploy.Tests;

/// <summary>
/// A published service started as its image starts it: its executable, in its own folder (the image's working
/// directory), with the image's environment, then the pod's settings on top, listening on a free loopback port.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the service wrote so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServiceProcess> StartAsync(ImageContent image, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(image.Executable)
        {
            WorkingDirectory = image.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing of the test runner's own environment that would change the service's behaviour.
        foreach (var name in start.Environment.Keys.Where(IsServiceSetting).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in image.Environment)
        {
            start.Environment[name] = value;
        }
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        // The image listens on 8080 (ASPNETCORE_HTTP_PORTS); here a free port stands in for it.
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {image.Executable}");
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilHealthyAsync();
        return service;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"{_process.StartInfo.FileName} exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var health = await http.GetAsync("/health");
                last = $"{(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}";
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{_process.StartInfo.FileName} did not answer /health with 200 within 60 s (last: {last}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static bool IsServiceSetting(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name == "DOTNET_ENVIRONMENT"
        || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || name.StartsWith("OTEL_", StringComparison.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
