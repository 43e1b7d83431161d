using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

/// <summary>On <see cref="GatewayTestsSystem.RefreshingReplicas"/>, every request finds the access token "about to expire".</summary>
[Collection(ChattSystemCollection.Name)]
public sealed class RefreshTests(GatewayTestsSystem system)
{
    [Fact]
    public async Task An_access_token_about_to_expire_is_refreshed_and_the_renewed_session_goes_on()
    {
        var gateway = system.RefreshingReplicas.First;
        using var browser = await system.SignedInBrowserAsync("alice", gateway);

        await SessionRefresh.AssertEachQueryRenewsTheSessionAsync(browser, "alice");
    }

    [Fact]
    public async Task A_session_whose_refresh_the_provider_refuses_is_rejected_and_its_WebSocket_closed()
    {
        var (first, second) = system.RefreshingReplicas;
        using var browser = await system.SignedInBrowserAsync("alice", first);
        var oldCookie = browser.GatewayCookieHeader;
        using var refreshed = await browser.GetAsync("/auth/me");
        await using var socket = await GraphQLSocket.ConnectAsync(first.WebSocketUri, new GraphQLSocketOptions { Cookies = browser.Cookies, Origin = first.Origin });
        await socket.InitAsync();

        // The other replica (same key ring) gets the old cookie: its refresh token was already used, the provider
        // sees a replay and refuses it, and revokes the whole chain.
        using var replica = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = second.BaseAddress };
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        replay.Headers.Add("Cookie", oldCookie);
        using var refused = await replica.SendAsync(replay);
        using var afterwards = await browser.GetAsync("/auth/me");
        using var api = await browser.PostGraphQLAsync("{ me { id } }");
        var onSocket = await socket.TryReceiveAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("closed", onSocket?.GetProperty("type").GetString());
    }
}
