using System.Net;

namespace Chatt.Tests.Support;

/// <summary>
/// The whole system as a person meets it, in this process on loopback ports: the built-in identity provider (alice and
/// bob seeded with their development passwords), ChatApi on a fresh SQLite file trusting that provider, and the
/// Gateway in front of both. Derive to add gateways (register their ports with <see cref="ExtraGatewayPorts"/>) or to
/// change the gateway's settings (<see cref="GatewaySettings"/>). Each test signs in its own users.
/// </summary>
public class ChattSystem : IAsyncLifetime
{
    public const string AlicePassword = "alice-dev-password";
    public const string BobPassword = "bob-dev-password";

    public IdentityServer Identity { get; private set; } = null!;

    public ChatApiHost ChatApi { get; private set; } = null!;

    /// <summary>The gateway most tests use, with generous rate limits.</summary>
    public GatewayServer Gateway { get; private set; } = null!;

    /// <summary>Ports reserved for the subclass's own gateways, registered at the provider before it starts.</summary>
    protected IReadOnlyList<int> ExtraPorts { get; private set; } = [];

    /// <summary>How many more gateways the subclass starts on <see cref="ExtraPorts"/>.</summary>
    protected virtual int ExtraGatewayPorts => 0;

    /// <summary>Settings of <see cref="Gateway"/>; the rate limits are Gateway.Tests' business, so they are generous here.</summary>
    protected virtual IReadOnlyDictionary<string, string?> GatewaySettings => new Dictionary<string, string?>
    {
        ["RateLimits:GraphQL:PermitLimit"] = "100000",
        ["RateLimits:Auth:PermitLimit"] = "100000",
    };

    public virtual async ValueTask InitializeAsync()
    {
        // The provider must know the gateways' redirect URIs before any starts: pick their ports first.
        var ports = Enumerable.Range(0, 1 + ExtraGatewayPorts).Select(_ => Loopback.FreePort(IPAddress.Loopback)).ToArray();
        ExtraPorts = ports[1..];
        Identity = new IdentityServer([.. ports.Select(p => new Uri($"http://127.0.0.1:{p}/"))]);
        ChatApi = await ChatApiHost.StartTrustingAsync(Identity);
        Gateway = new GatewayServer(Identity, ChatApi, ports[0], GatewaySettings);
    }

    /// <summary>A browser signed in as <paramref name="username"/> at <paramref name="gateway"/> (default: <see cref="Gateway"/>).</summary>
    public async Task<Browser> SignedInBrowserAsync(string username, GatewayServer? gateway = null)
    {
        var browser = new Browser((gateway ?? Gateway).BaseAddress);
        using var landing = await browser.SignInAsync(username, PasswordOf(username));
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        return browser;
    }

    /// <summary>An access token as a non-browser client holds one: the code flow with PKCE done by hand against the provider.</summary>
    public async Task<string> AccessTokenAsync(string username)
    {
        using var browser = new Browser(Gateway.BaseAddress);
        return await browser.AccessTokenAsync(Identity.BaseAddress, IdentityServer.ClientId, username, PasswordOf(username));
    }

    public static string PasswordOf(string username) => username switch
    {
        "alice" => AlicePassword,
        "bob" => BobPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(username), username, "Only the seeded development users."),
    };

    public virtual async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await ChatApi.DisposeAsync();
        await Identity.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
