extern alias ChatApiApp;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>The real ChatApi on a fresh SQLite file, trusting the test's provider as its authority.</summary>
public sealed class ChatApiServer : IAsyncDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"chatt-gw-chatapi-{Guid.NewGuid():N}.db");
    private readonly WebApplicationFactory<ChatApiApp::Program> _factory;

    public ChatApiServer(IdentityServer identity)
        : this(identity.Authority, IdentityServer.Audience)
    {
    }

    /// <summary>ChatApi trusting any provider: <c>Authority</c> and <c>ValidAudiences:0</c>, as a user writes them.</summary>
    public ChatApiServer(string authority, string audience)
    {
        _factory = new WebApplicationFactory<ChatApiApp::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("ConnectionStrings:chatdb", $"Data Source={_database}");
            web.UseSetting("Authentication:Schemes:Bearer:Authority", authority);
            web.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", audience);
            // ChatApi relaxes this for Development in a PostConfigure that runs after JwtBearer has already refused the http authority.
            web.UseSetting("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false");
        });
        BaseAddress = Loopback.Start(_factory, IPAddress.Loopback);
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            File.Delete(_database);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }
}
