using System.Net;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests.SecondProvider;

/// <summary>
/// Chatt plugged into oidc-provider through the settings alone, as the README's provider table writes them, twice:
/// <see cref="Plain"/> (RS256 access tokens, an issuer without a trailing slash, tokens naming the user) and
/// <see cref="Variant"/> (ES256, an issuer ending in "/", tokens with only sub and email).
/// </summary>
public sealed class SecondProviderSystem : IAsyncLifetime
{
    private Setup? _plain;
    private Setup? _variant;
    private Setup? _rotating;

    /// <summary>Skips the calling test, with the reason, when oidc-provider is not installed.</summary>
    public Setup Plain => _plain ?? Skip();

    public Setup Variant => _variant ?? Skip();

    /// <summary>Like <see cref="Plain"/>, for the key-rotation test alone (a rotation must not race other tests' sign-ins).</summary>
    public Setup Rotating => _rotating ?? Skip();

    public async ValueTask InitializeAsync()
    {
        if (NodeOidcProvider.UnavailableReason is not null)
        {
            return;
        }

        _plain = await Setup.StartAsync(accessTokenAlg: "RS256", trailingSlash: false, usernameClaim: true);
        _variant = await Setup.StartAsync(accessTokenAlg: "ES256", trailingSlash: true, usernameClaim: false);
        _rotating = await Setup.StartAsync(accessTokenAlg: "RS256", trailingSlash: false, usernameClaim: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rotating is not null)
        {
            await _rotating.DisposeAsync();
        }

        if (_variant is not null)
        {
            await _variant.DisposeAsync();
        }

        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }
    }

    private static Setup Skip()
    {
        Assert.Skip(NodeOidcProvider.UnavailableReason ?? "the second provider did not start");
        return null!;
    }

    /// <summary>One provider, the ChatApi that trusts it, a gateway signing in there and one that refreshes on every request.</summary>
    public sealed class Setup : IAsyncDisposable
    {
        private Setup(NodeOidcProvider provider, ChatApiHost chatApi, GatewayServer gateway, GatewayServer refreshing)
        {
            Provider = provider;
            ChatApi = chatApi;
            Gateway = gateway;
            RefreshingGateway = refreshing;
        }

        public NodeOidcProvider Provider { get; }

        public ChatApiHost ChatApi { get; }

        public GatewayServer Gateway { get; }

        /// <summary>Its access tokens are always "about to expire": every request refreshes them.</summary>
        public GatewayServer RefreshingGateway { get; }

        public static async Task<Setup> StartAsync(string accessTokenAlg, bool trailingSlash, bool usernameClaim)
        {
            var ports = new[] { Loopback.FreePort(IPAddress.Loopback), Loopback.FreePort(IPAddress.Loopback) };
            var origins = ports.Select(port => new Uri($"http://127.0.0.1:{port}/")).ToList();
            var provider = await NodeOidcProvider.StartAsync(origins, accessTokenAlg, trailingSlash, usernameClaim);

            // The README's oidc-provider row, word for word; the authority is the issuer as the provider writes it.
            var chatApi = await ChatApiHost.StartTrustingAsync(provider.Issuer, NodeOidcProvider.Audience);
            var oidc = new Dictionary<string, string?>
            {
                ["Oidc:Authority"] = provider.Issuer,
                ["Oidc:ClientId"] = NodeOidcProvider.ClientId,
                ["Oidc:ClientSecret"] = NodeOidcProvider.ClientSecret,
                ["Oidc:Audience"] = NodeOidcProvider.Audience,
                ["Oidc:AuthorizationParameters:resource"] = NodeOidcProvider.Resource,
                ["Oidc:AuthorizationParameters:prompt"] = "consent",
            };
            var gateway = new GatewayServer(oidc, chatApi, ports[0]);
            var refreshing = new GatewayServer(oidc, chatApi, ports[1], new Dictionary<string, string?> { ["Oidc:RefreshBeforeExpiry"] = "1.00:00:00" });
            return new Setup(provider, chatApi, gateway, refreshing);
        }

        /// <summary>A browser signed in at <paramref name="gateway"/> (default <see cref="Gateway"/>) through the provider's form.</summary>
        public async Task<Browser> SignedInBrowserAsync(string username, GatewayServer? gateway = null)
        {
            var browser = new Browser((gateway ?? Gateway).BaseAddress);
            using var landing = await NodeOidcProvider.SignInAsync(browser, new Uri(browser.Gateway, "/auth/login?returnUrl=%2F"), username);
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
            Assert.Equal(browser.Gateway.Authority, landing.RequestMessage!.RequestUri!.Authority);
            return browser;
        }

        public async ValueTask DisposeAsync()
        {
            await RefreshingGateway.DisposeAsync();
            await Gateway.DisposeAsync();
            await ChatApi.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }
}
