extern alias GatewayApp;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chatt.Tests.Support;

/// <summary>
/// The gateway under test on 127.0.0.1, signing in at <see cref="IdentityServer"/> and finding ChatApi through
/// service discovery (<c>services:chatapi:http:0</c>), as Aspire configures it.
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplicationFactory<GatewayApp::Program> _factory;

    public GatewayServer(IdentityServer identity, ChatApiHost? chatApi, int port = 0, IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    {
        _factory = new WebApplicationFactory<GatewayApp::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("Oidc:Authority", identity.Authority);
            web.UseSetting("Oidc:ClientId", IdentityServer.ClientId);
            web.UseSetting("Oidc:Audience", IdentityServer.Audience);
            web.UseSetting("Oidc:RequireHttpsMetadata", "false");
            web.UseSetting("services:chatapi:http:0", chatApi?.BaseAddress.ToString().TrimEnd('/') ?? "http://127.0.0.1:9");
            // A web root that does not exist: the placeholder page, whatever has been built in src/Web.
            web.UseSetting("Gateway:WebRoot", Path.Combine(Path.GetTempPath(), "chatt-no-web-" + Guid.NewGuid().ToString("N")));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });
        BaseAddress = Loopback.Start(_factory, IPAddress.Loopback, port);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public Uri WebSocketUri => new UriBuilder(new Uri(BaseAddress, "graphql")) { Scheme = "ws" }.Uri;

    public IServiceProvider Services => _factory.Services;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
