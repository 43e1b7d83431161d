using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>
/// The real Identity, the real ChatApi and gateways in front of them, all on loopback ports, shared by the
/// tests of one collection. Each test signs in its own users, so tests do not share sessions.
/// </summary>
public sealed class ChattSystem : IAsyncLifetime
{
    public const string AlicePassword = "alice-dev-password";
    public const string BobPassword = "bob-dev-password";

    /// <summary>The gateway most tests use, with generous rate limits.</summary>
    public GatewayServer Gateway { get; private set; } = null!;

    /// <summary>A gateway allowing <see cref="LimitedGraphQLPermits"/> /graphql requests per caller per minute.</summary>
    public GatewayServer LimitedGateway { get; private set; } = null!;

    public const int LimitedGraphQLPermits = 3;

    /// <summary>Two replicas sharing one data-protection key ring, refreshing the access token on every request.</summary>
    public (GatewayServer First, GatewayServer Second) RefreshingReplicas { get; private set; }

    public IdentityServer Identity { get; private set; } = null!;

    public ChatApiServer ChatApi { get; private set; } = null!;

    private readonly string _sharedKeys = Path.Combine(Path.GetTempPath(), "chatt-gw-keys-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => Loopback.FreePort(IPAddress.Loopback)).ToArray();
        Identity = new IdentityServer(ports.Select(p => new Uri($"http://127.0.0.1:{p}/")).ToList());
        ChatApi = new ChatApiServer(Identity);
        Gateway = new GatewayServer(Identity, ChatApi, ports[0], new Dictionary<string, string?>
        {
            ["RateLimits:GraphQL:PermitLimit"] = "100000",
            ["RateLimits:Auth:PermitLimit"] = "100000",
        });
        LimitedGateway = new GatewayServer(Identity, ChatApi, ports[1], new Dictionary<string, string?>
        {
            ["RateLimits:GraphQL:PermitLimit"] = LimitedGraphQLPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:GraphQL:Window"] = "00:10:00",
        });
        var replica = new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = _sharedKeys,
            // Longer than any access token lives: every request refreshes.
            ["Oidc:RefreshBeforeExpiry"] = "1.00:00:00",
        };
        RefreshingReplicas = (new GatewayServer(Identity, ChatApi, ports[2], replica), new GatewayServer(Identity, ChatApi, 0, replica));
        return ValueTask.CompletedTask;
    }

    /// <summary>A browser signed in as <paramref name="username"/> at <paramref name="gateway"/> (default: <see cref="Gateway"/>).</summary>
    public async Task<Browser> SignedInBrowserAsync(string username, GatewayServer? gateway = null)
    {
        var browser = new Browser((gateway ?? Gateway).BaseAddress);
        using var landing = await browser.SignInAsync(username, PasswordOf(username));
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        return browser;
    }

    /// <summary>
    /// An access token as a non-browser client holds one: the code flow with PKCE done by hand against the
    /// provider, the code redeemed directly (the gateway's callback is never called).
    /// </summary>
    public async Task<string> AccessTokenAsync(string username)
    {
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirectUri = new Uri(Gateway.BaseAddress, "/signin-oidc").ToString();
        var authorize = QueryHelpers.AddQueryString(new Uri(Identity.BaseAddress, "/connect/authorize").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = IdentityServer.ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile offline_access chatt-api",
            ["state"] = "s",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        using var browser = new Browser(Identity.BaseAddress);
        using var toClient = await browser.SignInAtAsync(new Uri(authorize), username, PasswordOf(username),
            stopAt: uri => uri.ToString().StartsWith(redirectUri, StringComparison.Ordinal));
        var code = QueryHelpers.ParseQuery(toClient.Headers.Location!.Query)["code"].ToString();

        using var token = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = IdentityServer.ClientId,
                ["redirect_uri"] = redirectUri,
                ["code"] = code,
                ["code_verifier"] = verifier,
            }),
        });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public static string PasswordOf(string username) => username switch
    {
        "alice" => AlicePassword,
        "bob" => BobPassword,
        _ => throw new ArgumentOutOfRangeException(nameof(username), username, "Only the seeded development users."),
    };

    public async ValueTask DisposeAsync()
    {
        await RefreshingReplicas.Second.DisposeAsync();
        await RefreshingReplicas.First.DisposeAsync();
        await LimitedGateway.DisposeAsync();
        await Gateway.DisposeAsync();
        await ChatApi.DisposeAsync();
        await Identity.DisposeAsync();
        try
        {
            Directory.Delete(_sharedKeys, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
