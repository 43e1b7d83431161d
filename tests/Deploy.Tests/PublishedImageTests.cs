using System.Net;
using System.Text.RegularExpressions;

namespace Chatt.Deploy.Tests;

/// <summary>
/// Each image's content (see <see cref="ImageContent"/>) starts and answers <c>/health</c>, with the settings the
/// chart's plain-http trial gives its pod (values-local-http.yaml: Identity and the Gateway in Development,
/// ChatApi in Production); the Gateway's serves the built web client, not the placeholder page.
/// </summary>
public sealed partial class PublishedImageTests : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("chatt-image-data-").FullName;
    private readonly List<ServiceProcess> _started = [];

    [Fact]
    public async Task The_identity_image_starts_and_is_healthy()
    {
        var identity = await StartIdentityAsync();

        using var http = new HttpClient { BaseAddress = identity.BaseAddress };
        using var discovery = await http.GetAsync("/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }

    [Fact]
    public async Task The_chatapi_image_starts_in_production_and_is_healthy()
    {
        var identity = await StartIdentityAsync();

        var chatApi = await StartAsync("ChatApi", new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__chatdb"] = $"Data Source={Path.Combine(_data, "chatt.db")}",
            ["Authentication__Schemes__Bearer__Authority"] = identity.BaseAddress.ToString().TrimEnd('/'),
            ["Authentication__Schemes__Bearer__ValidAudiences__0"] = "chatt-api",
            ["Authentication__Schemes__Bearer__RequireHttpsMetadata"] = "false",
        });

        using var http = new HttpClient { BaseAddress = chatApi.BaseAddress };
        using var anonymous = await http.PostAsync("/graphql", new StringContent("""{"query":"{ me { id } }"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_gateway_image_serves_the_web_client_with_its_bundle()
    {
        var gateway = await StartAsync("Gateway", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Oidc__Authority"] = "http://127.0.0.1:9",
            ["Oidc__ClientId"] = "chatt-gateway",
            ["services__chatapi__http__0"] = "http://127.0.0.1:9",
        });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var page = await http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var bundle = ModuleScript().Match(html);
        Assert.True(bundle.Success, $"index.html names no /assets/*.js module (the placeholder page?):\n{html}");

        using var script = await http.GetAsync(bundle.Groups["src"].Value);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        // The app's own code, not any file: the bundle is the React client that talks GraphQL over graphql-ws.
        Assert.Contains("graphql-transport-ws", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_docker_engine_the_sdk_builds_the_real_images()
    {
        var docker = DeployTools.Run("bash", ["-c", "command -v docker >/dev/null && timeout 10 docker info --format '{{.ServerVersion}}'"]);
        if (docker.ExitCode != 0)
        {
            Assert.Skip("no Docker engine answers `docker info` here: the images' content is tested above by publishing it; building the images needs a daemon (and the base image from its registry)");
        }

        foreach (var service in new[] { "ChatApi", "Gateway", "Identity" })
        {
            var project = Path.Combine(DeployTools.RepoRoot, "src", service, service + ".csproj");
            var build = DeployTools.Run("dotnet", ["publish", project, "-c", "Release", "-t:PublishContainer", "-p:ContainerImageTags=deploy-test"],
                timeout: TimeSpan.FromMinutes(10));
            Assert.True(build.ExitCode == 0, build.Describe());
            var image = DeployTools.Run("docker", ["image", "inspect", $"chatt-{service.ToLowerInvariant()}:deploy-test", "--format", "{{.Config.User}} {{.Config.WorkingDir}}"]);
            Assert.True(image.ExitCode == 0, image.Describe());
            Assert.Equal("1654 /app", image.StandardOutput.Trim());
        }
    }

    private Task<ServiceProcess> StartIdentityAsync() => StartAsync("Identity", new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__identitydb"] = $"Data Source={Path.Combine(_data, "identity.db")}",
        ["Identity__Clients__0__ClientId"] = "chatt-gateway",
        ["Identity__Clients__0__RedirectUris__0"] = "http://127.0.0.1:9/signin-oidc",
    });

    private async Task<ServiceProcess> StartAsync(string service, IReadOnlyDictionary<string, string> settings)
    {
        var started = await ServiceProcess.StartAsync(ImageContent.Of(service), settings);
        _started.Add(started);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _started)
        {
            await service.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [GeneratedRegex("<script type=\"module\"[^>]*src=\"(?<src>/assets/[^\"]+\\.js)\"")]
    private static partial Regex ModuleScript();
}
