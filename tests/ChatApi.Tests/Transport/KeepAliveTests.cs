using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>The API pinging every socket every 500 ms, so keep-alive can be watched in a test.</summary>
public sealed class KeepAliveHost : ChatApiHost
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["GraphQL:WebSockets:KeepAliveInterval"] = "00:00:00.500",
    };
}

/// <summary>
/// The server keeps idle sockets alive on both protocols, so a proxy that drops silent sockets (the gateway's
/// IdleTimeout) never drops an idle subscription of a client that does not ping by itself.
/// </summary>
public sealed class KeepAliveTests(KeepAliveHost host) : IClassFixture<KeepAliveHost>
{
    [Fact]
    public async Task An_idle_graphql_ws_client_with_keep_alive_off_gets_server_pings_and_stays_subscribed()
    {
        Assert.SkipWhen(NodeClients.MissingReason is not null, NodeClients.MissingReason ?? "");

        var result = await NodeClients.RunAsync("idle-client.mjs", host.WebSocketUri.ToString(), host.Tokens.For("idle"), "2600");

        TestContext.Current.TestOutputHelper?.WriteLine($"graphql-ws client, idle 2.6 s at a 0.5 s interval: {result.GetRawText()}");
        Assert.True(result.GetProperty("pingsReceived").GetInt32() >= 3, result.GetRawText());
        Assert.Equal(result.GetProperty("pingsReceived").GetInt32(), result.GetProperty("pongsSent").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("closed").ValueKind);
    }

    [Fact]
    public async Task An_idle_legacy_socket_gets_ka_messages_at_the_interval()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, subprotocol: "graphql-ws");
        await socket.InitAsync(host.Tokens.For("idle-legacy"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ka", (await socket.ReceiveAsync(TimeSpan.FromSeconds(5))).GetProperty("type").GetString());
        }

        Assert.True(started.Elapsed > TimeSpan.FromSeconds(0.8), $"Three ka in {started.Elapsed}: the first is sent with the ack, then one every 0.5 s.");
    }
}
