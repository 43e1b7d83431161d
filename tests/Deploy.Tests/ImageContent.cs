using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Chatt.Deploy.Tests;

/// <summary>
/// What a service's image holds, made here without a registry or a Docker engine. The images are built by the
/// .NET SDK (<c>dotnet publish -t:PublishContainer</c>, settings in src/Directory.Build.targets): the image's
/// application layer is exactly the Release publish output, in <c>/app</c>, started by the app's own executable
/// with the environment the SDK bakes in (<c>ContainerEnvironmentVariable</c> items). So the same publish, into an
/// empty folder of its own, is the image's content.
/// </summary>
internal sealed record ImageContent(string Service, string Directory, IReadOnlyDictionary<string, string> Environment)
{
    private static readonly ConcurrentDictionary<string, Lazy<ImageContent>> Published = new(StringComparer.Ordinal);

    // One publish at a time: each is a full Release build (the Gateway's also builds the web client when stale).
    private static readonly Lock PublishLock = new();

    /// <summary>The executable the image's entrypoint runs.</summary>
    public string Executable => Path.Combine(Directory, Service);

    /// <summary>Publishes src/<paramref name="service"/> once per test run.</summary>
    public static ImageContent Of(string service) =>
        Published.GetOrAdd(service, name => new Lazy<ImageContent>(() => Publish(name))).Value;

    private static ImageContent Publish(string service)
    {
        var project = Path.Combine(DeployTools.RepoRoot, "src", service, service + ".csproj");
        var root = System.IO.Directory.CreateTempSubdirectory($"chatt-image-{service.ToLowerInvariant()}-").FullName;
        var app = Path.Combine(root, "app");
        lock (PublishLock)
        {
            var publish = DeployTools.Run("dotnet", ["publish", project, "-c", "Release", "-nologo", "-o", app], timeout: TimeSpan.FromMinutes(8));
            Assert.True(publish.ExitCode == 0, $"dotnet publish {service} failed: {publish.Describe()}");
        }

        var evaluated = DeployTools.Run("dotnet", ["msbuild", project, "-nologo", "-p:Configuration=Release", "-getItem:ContainerEnvironmentVariable"]);
        Assert.True(evaluated.ExitCode == 0, evaluated.Describe());
        var environment = (JsonNode.Parse(evaluated.StandardOutput)!["Items"]!["ContainerEnvironmentVariable"]?.AsArray() ?? [])
            .ToDictionary(item => (string)item!["Identity"]!, item => (string)item!["Value"]!, StringComparer.Ordinal);
        return new ImageContent(service, app, environment);
    }
}
