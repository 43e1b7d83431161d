extern alias IdentityApp;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Chatt.Tests.Support;

/// <summary>
/// The built-in provider (src/Identity) in Development: alice and bob, the public client <c>chatt-gateway</c>,
/// ephemeral keys. It listens on 127.0.0.2 so its cookies and the gateway's (127.0.0.1) live apart, as on two hosts.
/// </summary>
public sealed class IdentityServer : IAsyncDisposable
{
    public const string ClientId = "chatt-gateway";
    public const string Audience = "chatt-api";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"chatt-gw-identity-{Guid.NewGuid():N}.db");
    private readonly WebApplicationFactory<IdentityApp::Program> _factory;

    /// <param name="gatewayOrigins">Every gateway origin that will sign users in (its redirect URIs are registered).</param>
    public IdentityServer(IReadOnlyList<Uri> gatewayOrigins)
    {
        _factory = new WebApplicationFactory<IdentityApp::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:identitydb", $"Data Source={_database}");
            web.UseSetting("Identity:Clients:0:ClientId", ClientId);
            for (var i = 0; i < gatewayOrigins.Count; i++)
            {
                web.UseSetting($"Identity:Clients:0:RedirectUris:{i}", new Uri(gatewayOrigins[i], "/signin-oidc").ToString());
                web.UseSetting($"Identity:Clients:0:PostLogoutRedirectUris:{i}", new Uri(gatewayOrigins[i], "/signout-callback-oidc").ToString());
            }
        });
        BaseAddress = Loopback.Start(_factory, IPAddress.Parse("127.0.0.2"));
    }

    /// <summary>http://127.0.0.2:PORT/ — also the issuer.</summary>
    public Uri BaseAddress { get; }

    public string Authority => BaseAddress.ToString().TrimEnd('/');

    /// <summary>The provider's services, to look at what it stored (tokens, their status).</summary>
    public IServiceProvider Services => _factory.Services;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
