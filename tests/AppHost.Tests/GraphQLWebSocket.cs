using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatt.AppHost.Tests;

/// <summary>
/// A minimal graphql-transport-ws client: <c>connection_init</c> → <c>connection_ack</c>, <c>subscribe</c>, and the
/// <c>next</c> payloads of each operation in arrival order. Answers the server's pings.
/// </summary>
internal sealed class GraphQLWebSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _inbound = Channel.CreateUnbounded<JsonElement>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    /// <summary>Through the gateway as the web client opens it: the session cookie and the site's own Origin.</summary>
    public static Task<GraphQLWebSocket> ConnectThroughGatewayAsync(Uri gateway, CookieContainer cookies, CancellationToken cancellationToken)
    {
        var socket = new GraphQLWebSocket();
        socket._socket.Options.Cookies = cookies;
        socket._socket.Options.SetRequestHeader("Origin", gateway.GetLeftPart(UriPartial.Authority));
        return socket.ConnectAsync(gateway, initPayload: new { }, cancellationToken);
    }

    /// <summary>Straight to one ChatApi replica, the token in the <c>connection_init</c> payload.</summary>
    public static Task<GraphQLWebSocket> ConnectToReplicaAsync(Uri replica, string accessToken, CancellationToken cancellationToken) =>
        new GraphQLWebSocket().ConnectAsync(replica, new { Authorization = $"Bearer {accessToken}" }, cancellationToken);

    private async Task<GraphQLWebSocket> ConnectAsync(Uri server, object initPayload, CancellationToken cancellationToken)
    {
        var url = new UriBuilder(server) { Scheme = server.Scheme == "https" ? "wss" : "ws", Path = "/graphql" }.Uri;
        _socket.Options.AddSubProtocol("graphql-transport-ws");
        await _socket.ConnectAsync(url, cancellationToken);
        _reader = ReadAsync();
        await SendAsync(new { type = "connection_init", payload = initPayload }, cancellationToken);
        var ack = await ReceiveAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
        return this;
    }

    public Task SubscribeAsync(string id, string query, object? variables, CancellationToken cancellationToken) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } }, cancellationToken);

    /// <summary>The next <c>next</c> payload's <c>data</c> for operation <paramref name="id"/>; throws <see cref="TimeoutException"/>.</summary>
    public async Task<JsonElement> NextAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReceiveAsync(timeout, cancellationToken);
            var type = message.GetProperty("type").GetString();
            if (message.TryGetProperty("id", out var messageId) && messageId.GetString() == id)
            {
                Assert.True(type == "next", $"Operation {id} ended: {message}");
                return message.GetProperty("payload").GetProperty("data").Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task<JsonElement> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _inbound.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived within {timeout}.");
        }
        catch (ChannelClosedException exception)
        {
            throw new InvalidOperationException($"The socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}", exception);
        }
    }

    private async Task SendAsync(object message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frame = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                text.Write(buffer, 0, frame.Count);
                if (!frame.EndOfMessage)
                {
                    continue;
                }
                var message = JsonDocument.Parse(Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length)).RootElement.Clone();
                text.SetLength(0);
                if (message.GetProperty("type").GetString() == "ping")
                {
                    await SendAsync(new { type = "pong" }, _stop.Token);
                    continue;
                }
                await _inbound.Writer.WriteAsync(message, _stop.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _inbound.Writer.TryComplete();
        }
    }
}
