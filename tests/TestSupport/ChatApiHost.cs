using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.Tests.Support;

/// <summary>
/// The one in-process ChatApi of the tests: the real service on a real Kestrel port on 127.0.0.1 (so out-of-process
/// clients such as the Node scripts can reach it), on a fresh SQLite file, trusting either <see cref="Tokens"/>
/// (the API's own tests) or a real OIDC provider (<see cref="StartTrustingAsync"/>, behind the gateway). Derive to
/// add configuration (<see cref="Settings"/>) or services (<see cref="ConfigureServices"/>); use as an xunit class or
/// collection fixture. Several hosts may share one <see cref="TestTokens"/> (one key) to act as instances of one deployment.
/// </summary>
public class ChatApiHost : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "chatt-tests-" + Guid.NewGuid().ToString("N"));
    private readonly IdentityServer? _authority;
    private WebApplicationFactory<Program>? _factory;

    public ChatApiHost()
        : this(new TestTokens())
    {
    }

    /// <summary>Protected so xunit sees one public constructor when this is a fixture.</summary>
    protected ChatApiHost(TestTokens tokens) => Tokens = tokens;

    private ChatApiHost(IdentityServer authority)
        : this(new TestTokens()) => _authority = authority;

    /// <summary>A started host that validates the access tokens of <paramref name="identity"/> (discovery and JWKS), as in production.</summary>
    public static async Task<ChatApiHost> StartTrustingAsync(IdentityServer identity)
    {
        var host = new ChatApiHost(identity);
        await host.InitializeAsync();
        return host;
    }

    public TestTokens Tokens { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri GraphQLUri => new(BaseAddress, "graphql");

    public Uri WebSocketUri => new UriBuilder(GraphQLUri) { Scheme = "ws" }.Uri;

    public IServiceProvider Services => _factory!.Services;

    /// <summary>Configuration overrides; the base sets the token settings and a temporary <c>ConnectionStrings:chatdb</c>.</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var settings = new Dictionary<string, string?>(_authority is null ? Tokens.Settings : AuthoritySettings(_authority))
        {
            ["ConnectionStrings:chatdb"] = $"Data Source={Path.Combine(_dataDirectory, "chatt.db")}",
            // Keep test output readable: the hosts' information logs would bury the failures.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(ConfigureServices);
        });
        BaseAddress = Loopback.Start(_factory, IPAddress.Loopback);
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, string?> AuthoritySettings(IdentityServer identity) => new()
    {
        ["Authentication:Schemes:Bearer:Authority"] = identity.Authority,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = IdentityServer.Audience,
        // ChatApi relaxes this for Development in a PostConfigure that runs after JwtBearer has already refused the http authority.
        ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
    };

    /// <summary>A client for the real port, sending <paramref name="token"/> as its bearer token when given.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>POSTs one GraphQL request as <paramref name="token"/>'s user and returns the parsed response body.</summary>
    public async Task<JsonElement> PostGraphQLAsync(string query, object? variables = null, string? token = null, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient(token);
        using var response = await client.PostAsJsonAsync("graphql", new { query, variables }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }
}
