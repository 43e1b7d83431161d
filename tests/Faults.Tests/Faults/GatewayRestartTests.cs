using System.Net;
using Chatt.Faults.Tests.Harness;

namespace Chatt.Faults.Tests.Faults;

/// <summary>
/// The gateway restarted (stopped, started again on its port with the same data-protection key ring, as a pod
/// restart with the chart's mounted keys) while browsers signed in through the built-in provider chat through it, their
/// sockets spread over two ChatApi processes that trust the provider.
/// </summary>
public sealed class GatewayRestartTests : IAsyncLifetime
{
    private readonly int _port = Loopback.FreePort(IPAddress.Loopback);
    private IdentityServer? _identity;
    private ProcessCluster? _cluster;
    private GatewayServer? _gateway;

    private string KeysPath => Path.Combine(_cluster!.Folder, "gateway-keys");

    public async ValueTask InitializeAsync()
    {
        NatsServer.SkipIfMissing();
        _identity = new IdentityServer([new Uri($"http://127.0.0.1:{_port}/")]);
        _cluster = new ProcessCluster(trust: new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Bearer:Authority"] = _identity.Authority,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = IdentityServer.Audience,
            ["Authentication:Schemes:Bearer:RequireHttpsMetadata"] = "false",
        });
        await _cluster.InitializeAsync();
        _gateway = StartGateway();
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_identity is not null)
        {
            await _identity.DisposeAsync();
        }
    }

    [Fact]
    public async Task After_the_gateway_restarts_the_same_session_cookie_still_works_the_sockets_reconnect_and_every_client_ends_with_every_message_once_in_order()
    {
        using var alice = await SignInAsync("alice");
        using var bob = await SignInAsync("bob");
        var webSocket = _gateway!.WebSocketUri;
        ChatEndpoint[] aliceIn = [ChatEndpoint.ThroughGateway(alice, webSocket)];
        ChatEndpoint[] bobIn = [ChatEndpoint.ThroughGateway(bob, webSocket)];
        await bobIn[0].DataAsync("{ me { id } }");
        var conversationId = (await aliceIn[0].DataAsync(Room.CreateConvo, new { name = "through the gateway", members = (string[])["bob"] }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;
        StreamClient[] clients = [new("alice-1", conversationId, aliceIn), new("alice-2", conversationId, aliceIn), new("bob-1", conversationId, bobIn), new("bob-2", conversationId, bobIn)];
        Poster[] posters = [new("alice", conversationId, aliceIn, TimeSpan.FromMilliseconds(15)), new("bob", conversationId, bobIn, TimeSpan.FromMilliseconds(15))];
        await using var run = await StreamRun.StartAsync(conversationId, clients, posters);

        var aliceBefore = (await alice.MeAsync()).GetProperty("sub").GetString();
        await run.FlowAsync(40);
        await _gateway.DisposeAsync();
        _gateway = null;
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        _gateway = StartGateway();
        var aliceAfter = (await alice.MeAsync()).GetProperty("sub").GetString();
        await run.FlowAsync(60);
        var report = await run.FinishAsync(aliceIn[0]);

        report.AssertNothingLost("gateway restart");
        Assert.Equal(aliceBefore, aliceAfter);
        Assert.All(clients, c => Assert.True(c.Reconnects >= 1, $"{c.Name} never reconnected: {string.Join("; ", c.Endings)}"));
        Assert.All(posters, p => Assert.True(p.Retries >= 1, "a poster never had to retry: the restart did not hit the stream"));
    }

    private async Task<Browser> SignInAsync(string username)
    {
        var browser = new Browser(_gateway!.BaseAddress);
        using var landing = await browser.SignInAsync(username, ChattSystem.PasswordOf(username));
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        return browser;
    }

    /// <summary>The gateway in front of both instances (YARP balances sockets and requests over them).</summary>
    private GatewayServer StartGateway() => new(_identity!, chatApi: null, _port, new Dictionary<string, string?>
    {
        ["ReverseProxy:Clusters:chatapi:Destinations:a:Address"] = _cluster!.A.BaseAddress.ToString(),
        ["ReverseProxy:Clusters:chatapi:Destinations:b:Address"] = _cluster.B.BaseAddress.ToString(),
        ["DataProtection:KeysPath"] = KeysPath,
        ["RateLimits:GraphQL:PermitLimit"] = "100000",
        ["RateLimits:Auth:PermitLimit"] = "100000",
        // A restart, not a drain: open sockets are cut after a second instead of the default 30 s.
        ["shutdownTimeoutSeconds"] = "1",
    });
}
