using System.Net;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class WebAssetsTests(GatewayTestsSystem system) : IDisposable
{
    private readonly string _dist = Directory.CreateTempSubdirectory("chatt-dist-").FullName;

    [Fact]
    public async Task Without_a_built_web_client_the_gateway_serves_a_placeholder_page()
    {
        using var client = new HttpClient { BaseAddress = system.Gateway.BaseAddress };

        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/auth/login", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_every_app_path_gets_an_uncached_index_html()
    {
        Directory.CreateDirectory(Path.Combine(_dist, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_dist, "index.html"), "<!doctype html><title>chatt app</title>");
        await File.WriteAllTextAsync(Path.Combine(_dist, "assets", "index-3f2a9c.js"), "console.log(1)");
        await using var gateway = new GatewayServer(system.Identity, system.ChatApi, settings: new Dictionary<string, string?> { ["Gateway:WebRoot"] = _dist });
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress };

        using var asset = await client.GetAsync("/assets/index-3f2a9c.js");
        using var deepLink = await client.GetAsync("/conversations/42");
        using var root = await client.GetAsync("/");
        using var missingAsset = await client.GetAsync("/assets/gone-000000.js");

        Assert.Equal("public, max-age=31536000, immutable", asset.Headers.CacheControl!.ToString());
        Assert.Contains("chatt app", await deepLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(deepLink.Headers.CacheControl!.NoCache);
        Assert.Contains("chatt app", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(root.Headers.CacheControl!.NoCache);
        Assert.Equal(HttpStatusCode.NotFound, missingAsset.StatusCode);
    }

    public void Dispose() => Directory.Delete(_dist, recursive: true);
}
