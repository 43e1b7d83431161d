using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>A graphql-transport-ws client over <see cref="ClientWebSocket"/>, sending a browser's cookies and Origin.</summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    private static readonly JsonElement Closed = JsonDocument.Parse("{\"type\":\"closed\"}").RootElement.Clone();

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _pump;

    private GraphQLSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _pump = Task.Run(PumpAsync);
    }

    public WebSocketState State => _socket.State;

    public static async Task<GraphQLSocket> ConnectAsync(Uri uri, CookieContainer? cookies, string? origin, string? bearer = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.Cookies = cookies;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return new GraphQLSocket(socket);
    }

    /// <summary>The HTTP status of a refused upgrade (the handshake's answer), or null when it was accepted.</summary>
    public static async Task<HttpStatusCode?> RefusalOfAsync(Uri uri, CookieContainer? cookies, string? origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        socket.Options.Cookies = cookies;
        socket.Options.CollectHttpResponseDetails = true;
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(uri, timeout.Token);
            return null;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    public async Task InitializeAsync()
    {
        await SendAsync(new { type = "connection_init", payload = new { } });
        var ack = await ReceiveAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public async Task SendAsync(object message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>
    /// The next message, or null when none arrives within <paramref name="wait"/>; <c>{"type":"closed"}</c> once the
    /// connection has ended (a close frame or an aborted connection).
    /// </summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await _incoming.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            return Closed;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Reads on its own, so a test waiting with a timeout never cancels (and so aborts) a pending receive.</summary>
    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (result.EndOfMessage)
                {
                    await _incoming.Writer.WriteAsync(JsonDocument.Parse(text.ToString()).RootElement.Clone());
                    text.Clear();
                }
            }
        }
        catch (WebSocketException)
        {
            // The connection was dropped: for these tests, the same as a close.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _incoming.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
        await _pump;
    }
}
