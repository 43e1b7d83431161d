using System.Net.WebSockets;
using System.Text.Json;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>graphql-transport-ws (and the legacy graphql-ws) protocol rules, driven by a raw client.</summary>
public sealed class GraphQLWebSocketProtocolTests(TransportHost host) : IClassFixture<TransportHost>
{
    private const string Ticks = "subscription { ticks }";

    private string Token => host.Tokens.For("socket-user");

    [Fact]
    public async Task A_socket_that_never_sends_connection_init_is_closed_with_4408()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);

        Assert.Equal(4408, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_init_without_a_token_is_closed_with_4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_init_with_a_forged_token_is_closed_with_4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + host.Tokens.Forged("mallory") } });

        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_upgrade_Authorization_header_authenticates_the_socket()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri, headerToken: Token);

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
    }

    [Fact]
    public async Task A_second_connection_init_is_closed_with_4429()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });

        Assert.Equal(4429, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Subscribe_before_connection_ack_is_closed_with_4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);

        await socket.SendAsync(new { id = "1", type = "subscribe", payload = new { query = "{ __typename }" } });

        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":"no_such_type"}""")]
    [InlineData("""{"type":"subscribe","payload":{"query":"{ __typename }"}}""")]
    [InlineData("""{"type":"subscribe","id":"1","payload":{"query":7}}""")]
    public async Task A_malformed_message_or_unknown_type_is_closed_with_4400(string message)
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(message);

        Assert.Equal(4400, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_duplicate_id_of_a_running_subscription_is_closed_with_4409()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "dup", type = "subscribe", payload = new { query = Ticks } });
        await socket.SendAsync(new { id = "dup", type = "subscribe", payload = new { query = Ticks } });

        Assert.Equal(4409, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_query_over_the_socket_sends_next_then_complete()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "q", type = "subscribe", payload = new { query = "{ __typename }" } });

        var next = await socket.ReceiveAsync();
        Assert.Equal("next", next.GetProperty("type").GetString());
        Assert.Equal("Query", next.GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal("complete", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_mutation_over_the_socket_runs()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "m", type = "subscribe", payload = new { query = "mutation { __typename }" } });

        Assert.Equal("Mutation", (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task An_operation_that_fails_validation_gets_an_error_message_and_the_socket_stays_open()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "bad", type = "subscribe", payload = new { query = "{ noSuchField }" } });
        var error = await socket.ReceiveAsync();
        await socket.SendAsync(new { type = "ping" });

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("bad", error.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Array, error.GetProperty("payload").ValueKind);
        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_operation_beyond_the_per_socket_limit_gets_TOO_MANY_OPERATIONS_and_the_others_keep_running()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        foreach (var id in new[] { "s1", "s2", "s3", "s4" })
        {
            await socket.SendAsync(new { id, type = "subscribe", payload = new { query = Ticks } });
        }

        var refused = await NextOfTypeAsync(socket, "error");
        Assert.Equal("s4", refused.GetProperty("id").GetString());
        Assert.Equal("TOO_MANY_OPERATIONS", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("next", (await NextOfTypeAsync(socket, "next")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_subscription_streams_events_then_completes()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "t", type = "subscribe", payload = new { query = Ticks } });

        var ticks = new List<int>();
        JsonElement message;
        while ((message = await socket.ReceiveAsync()).GetProperty("type").GetString() == "next")
        {
            ticks.Add(message.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        }

        Assert.Equal("complete", message.GetProperty("type").GetString());
        Assert.Equal([0, 1, 2, 3, 4], ticks);
    }

    [Fact]
    public async Task A_token_that_expires_closes_the_socket_with_4403()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);

        await socket.InitAsync(host.Tokens.For("short-lived", lifetime: TimeSpan.FromSeconds(2)));

        Assert.Equal(4403, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_closed_as_a_slow_consumer_with_4008()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        // Each refused document echoes its 200 KB field name in an error frame; unread, they fill the socket buffers
        // and then the server's outbound queue (4 frames in this host).
        var field = new string('x', 200_000);
        for (var i = 0; i < 60; i++)
        {
            await socket.SendAsync(new { id = "big" + i, type = "subscribe", payload = new { query = "{ " + field + " }" } });
        }

        Assert.Equal(4008, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_client_close_frame_is_echoed_with_its_code()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal(1000, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_socket_offering_no_known_subprotocol_is_closed_with_4406()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri, subprotocol: null);

        Assert.Equal(4406, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_legacy_graphql_ws_subprotocol_acks_keeps_alive_and_streams_data()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri, subprotocol: "graphql-ws");

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });
        Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("ka", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        await socket.SendAsync(new { id = "1", type = "start", payload = new { query = "{ __typename }" } });

        var data = await NextOfTypeAsync(socket, "data");
        Assert.Equal("Query", data.GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
        Assert.Equal("complete", (await NextOfTypeAsync(socket, "complete")).GetProperty("type").GetString());
        Assert.Equal("graphql-ws", socket.SubProtocol);
    }

    [Fact]
    public async Task The_legacy_subprotocol_refuses_a_missing_token_with_connection_error_and_4401()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri, subprotocol: "graphql-ws");

        await socket.SendAsync(new { type = "connection_init", payload = new { } });

        Assert.Equal("connection_error", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_legacy_connection_terminate_closes_the_socket_normally()
    {
        await using var socket = await RawWebSocket.ConnectAsync(host.WebSocketUri, subprotocol: "graphql-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });
        await NextOfTypeAsync(socket, "connection_ack");

        await socket.SendAsync(new { type = "connection_terminate" });

        Assert.Equal(1000, await socket.ReceiveCloseAsync());
    }

    private static async Task<JsonElement> NextOfTypeAsync(RawWebSocket socket, string type)
    {
        while (true)
        {
            var message = await socket.ReceiveAsync();
            if (message.GetProperty("type").GetString() == type)
            {
                return message;
            }
        }
    }
}
