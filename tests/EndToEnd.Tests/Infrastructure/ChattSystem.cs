using System.Net;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The whole system as a person meets it, in this process on loopback ports: the built-in identity provider
/// (alice and bob seeded with their development passwords), ChatApi on a fresh SQLite file, and the Gateway
/// serving the built web client from src/Web/dist and signing in at that provider with its real redirect URIs.
/// </summary>
public sealed class ChattSystem : IAsyncLifetime
{
    public IdentityServer Identity { get; private set; } = null!;

    public ChatApiServer ChatApi { get; private set; } = null!;

    public GatewayServer Gateway { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        // The provider must know the gateway's redirect URIs before either starts: pick the gateway's port first.
        var gatewayPort = Loopback.FreePort(IPAddress.Loopback);
        Identity = new IdentityServer([new Uri($"http://127.0.0.1:{gatewayPort}/")]);
        ChatApi = new ChatApiServer(Identity);
        Gateway = new GatewayServer(Identity, ChatApi, gatewayPort, new Dictionary<string, string?>
        {
            ["Gateway:WebRoot"] = Repository.WebDist,
            // The scenario scripts ~130 mutations within seconds to exercise paging; the limits themselves are
            // Gateway.Tests' business.
            ["RateLimits:GraphQL:PermitLimit"] = "100000",
            ["RateLimits:Auth:PermitLimit"] = "100000",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await ChatApi.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
