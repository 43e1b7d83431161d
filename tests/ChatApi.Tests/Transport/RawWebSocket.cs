using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>
/// A hand-driven WebSocket client for protocol edge cases the real libraries never produce. Messages are pumped into
/// a queue by one reader started on the first receive (so a test can also leave the socket unread), which lets a test
/// wait for a message with a deadline without aborting the socket.
/// </summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private Task? _pump;

    private RawWebSocket()
    {
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public string? SubProtocol => _socket.SubProtocol;

    public static async Task<RawWebSocket> ConnectAsync(Uri uri, string? subprotocol = "graphql-transport-ws", string? headerToken = null)
    {
        var raw = new RawWebSocket();
        if (subprotocol is not null)
        {
            raw._socket.Options.AddSubProtocol(subprotocol);
        }

        if (headerToken is not null)
        {
            raw._socket.Options.SetRequestHeader("Authorization", "Bearer " + headerToken);
        }

        await raw._socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        return raw;
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    /// <summary>Sends connection_init with the token in the payload and waits for the ack.</summary>
    public async Task InitAsync(string token, string ackType = "connection_ack")
    {
        await SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        Assert.Equal(ackType, (await ReceiveAsync()).GetProperty("type").GetString());
    }

    /// <summary>The next message; fails if none arrives within <paramref name="timeout"/> or the socket closed.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null) =>
        await TryReceiveAsync(timeout ?? TimeSpan.FromSeconds(10))
        ?? throw new TimeoutException($"No message (close status: {CloseStatus?.ToString() ?? "open"}).");

    /// <summary>The next message, or null after <paramref name="timeout"/> or when the socket closed; the socket stays usable.</summary>
    public async Task<JsonElement?> TryReceiveAsync(TimeSpan timeout)
    {
        _pump ??= PumpAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Reads (and discards) messages until the server's close frame; returns its code.</summary>
    public async Task<int> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        _pump ??= PumpAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(15));
        await foreach (var _ in _messages.Reader.ReadAllAsync(deadline.Token))
        {
        }

        return (int?)CloseStatus ?? throw new InvalidOperationException("The socket ended without a close frame.");
    }

    public Task CloseAsync(WebSocketCloseStatus status) => _socket.CloseOutputAsync(status, "bye", TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(message.ToArray());
                    _messages.Writer.TryWrite(document.RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The socket was aborted: the close status (if any) tells the test what happened.
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }
}
