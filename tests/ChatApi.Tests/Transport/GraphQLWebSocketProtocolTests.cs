using System.Net.WebSockets;
using System.Text.Json;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>graphql-transport-ws (and the legacy graphql-ws) protocol rules, driven by a raw client.</summary>
public sealed class GraphQLWebSocketProtocolTests(TransportHost host) : IClassFixture<TransportHost>
{
    private const string OnCreateUser = "subscription { onCreateUser { id username } }";

    private string Token => host.Tokens.For("socket-user");

    [Fact]
    public async Task A_socket_that_never_sends_connection_init_is_closed_with_4408()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);

        Assert.Equal(4408, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_init_without_a_token_is_closed_with_4401()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Connection_init_with_a_forged_token_is_closed_with_4401()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + host.Tokens.Forged("mallory") } });

        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_upgrade_Authorization_header_authenticates_the_socket()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, headerToken: Token);

        await socket.SendAsync(new { type = "connection_init" });

        Assert.Equal("connection_ack", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal("graphql-transport-ws", socket.SubProtocol);
    }

    [Fact]
    public async Task A_second_connection_init_is_closed_with_4429()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });

        Assert.Equal(4429, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Subscribe_before_connection_ack_is_closed_with_4401()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);

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
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(message);

        Assert.Equal(4400, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_duplicate_id_of_a_running_subscription_is_closed_with_4409()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "dup", type = "subscribe", payload = new { query = OnCreateUser } });
        await socket.SendAsync(new { id = "dup", type = "subscribe", payload = new { query = OnCreateUser } });

        Assert.Equal(4409, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { type = "ping" });

        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_query_over_the_socket_sends_next_then_complete()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
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
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "m", type = "subscribe", payload = new { query = "mutation { __typename }" } });

        Assert.Equal("Mutation", (await socket.ReceiveAsync()).GetProperty("payload").GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task An_operation_that_fails_validation_gets_an_error_message_and_the_socket_stays_open()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
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
    public async Task A_subscription_refused_by_its_resolver_gets_one_terminal_error_message_and_no_complete()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "x", type = "subscribe", payload = new { query = "subscription { onCreateMessage(messageConversationId: \"no-such-conversation\") { id } }" } });
        var error = await socket.ReceiveAsync();
        await socket.SendAsync(new { type = "ping" });

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Contains(error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString(), (string[])["FORBIDDEN", "NOT_FOUND"]);
        Assert.Equal("pong", (await socket.ReceiveAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_operation_beyond_the_per_socket_limit_gets_TOO_MANY_OPERATIONS_and_the_others_keep_running()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        foreach (var id in new[] { "s1", "s2", "s3", "s4" })
        {
            await socket.SendAsync(new { id, type = "subscribe", payload = new { query = OnCreateUser } });
        }

        var refused = await NextOfTypeAsync(socket, "error");
        Assert.Equal("s4", refused.GetProperty("id").GetString());
        Assert.Equal("TOO_MANY_OPERATIONS", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        var (next, _) = await ProvisionUsersUntilAsync(socket, "next", "s1");
        Assert.Equal("s1", next.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_subscription_delivers_events_as_next_messages_until_the_client_completes_it()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.SendAsync(new { id = "u", type = "subscribe", payload = new { query = OnCreateUser } });
        var (next, created) = await ProvisionUsersUntilAsync(socket, "next", "u");
        await socket.SendAsync(new { id = "u", type = "complete" });
        await socket.SendAsync(new { type = "ping" });

        Assert.Contains(next.GetProperty("payload").GetProperty("data").GetProperty("onCreateUser").GetProperty("username").GetString(), created);
        Assert.Equal("pong", (await NextOfTypeAsync(socket, "pong")).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_token_that_expires_closes_the_socket_with_4403()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);

        await socket.InitAsync(host.Tokens.For("short-lived", lifetime: TimeSpan.FromSeconds(2)));

        Assert.Equal(4403, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_client_that_does_not_read_is_closed_as_a_slow_consumer_with_4008()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });

        // Nothing is read until the end. Each query echoes its 400 KB alias in its result; 40 MB of them overflow the
        // loopback socket buffers (a few MB) and then the server's outbound queue (4 frames in this host).
        var alias = new string('x', 400_000);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await socket.SendAsync(new { id = "big" + i, type = "subscribe", payload = new { query = "{ " + alias + ": __typename }" } });
            }
            catch (WebSocketException)
            {
                break; // the server already gave up on us
            }
        }

        Assert.Equal(4008, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task The_client_close_frame_is_echoed_with_its_code()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri);
        await socket.InitAsync(Token);

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure);

        Assert.Equal(1000, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_socket_offering_no_known_subprotocol_is_closed_with_4406()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, subprotocol: null);

        Assert.Equal(4406, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_legacy_graphql_ws_subprotocol_acks_keeps_alive_and_streams_data()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, subprotocol: "graphql-ws");

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
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, subprotocol: "graphql-ws");

        await socket.SendAsync(new { type = "connection_init", payload = new { } });

        Assert.Equal("connection_error", (await socket.ReceiveAsync()).GetProperty("type").GetString());
        Assert.Equal(4401, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task The_legacy_connection_terminate_closes_the_socket_normally()
    {
        await using var socket = await GraphQLSocket.ConnectRawAsync(host.WebSocketUri, subprotocol: "graphql-ws");
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + Token } });
        await NextOfTypeAsync(socket, "connection_ack");

        await socket.SendAsync(new { type = "connection_terminate" });

        Assert.Equal(1000, await socket.ReceiveCloseAsync());
    }

    /// <summary>
    /// graphql-transport-ws does not acknowledge a subscription, so instead of sleeping until it is registered this
    /// provisions new users (each publishes onCreateUser) until the awaited message arrives, within a deadline.
    /// </summary>
    private async Task<(JsonElement Message, List<string> Created)> ProvisionUsersUntilAsync(GraphQLSocket socket, string type, string id)
    {
        var created = new List<string>();
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            created.Add(await host.ProvisionNewUserAsync());
            var message = await socket.TryReceiveAsync(TimeSpan.FromMilliseconds(300));
            if (message is { } m && m.GetProperty("type").GetString() == type && m.TryGetProperty("id", out var mid) && mid.GetString() == id)
            {
                return (m, created);
            }
        }

        throw new TimeoutException($"No '{type}' for '{id}' within 15 s.");
    }

    private static async Task<JsonElement> NextOfTypeAsync(GraphQLSocket socket, string type)
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
