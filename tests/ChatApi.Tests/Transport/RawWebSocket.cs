using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>A hand-driven WebSocket client for protocol edge cases the real libraries never produce.</summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

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

    /// <summary>Connects through connection_init with the token in the payload and waits for the ack.</summary>
    public async Task InitAsync(string token)
    {
        await SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }

    /// <summary>The next text message, or null when the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<JsonElement?> ReceiveOrCloseAsync(TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new ArrayBufferWriterStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.GetMemory(), deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(buffer.Written);
                return document.RootElement.Clone();
            }
        }
    }

    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null) =>
        await ReceiveOrCloseAsync(timeout) ?? throw new InvalidOperationException($"The server closed the socket: {CloseStatus} {CloseDescription}");

    /// <summary>Reads (and discards) messages until the server's close frame; returns its code.</summary>
    public async Task<int> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (await ReceiveOrCloseAsync(timeout ?? TimeSpan.FromSeconds(15)) is not null)
        {
            deadline.Token.ThrowIfCancellationRequested();
        }

        return (int)CloseStatus!.Value;
    }

    public Task CloseAsync(WebSocketCloseStatus status) => _socket.CloseOutputAsync(status, "bye", TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class ArrayBufferWriterStream
    {
        private byte[] _bytes = new byte[8192];
        private int _count;

        public ReadOnlyMemory<byte> Written => _bytes.AsMemory(0, _count);

        public Memory<byte> GetMemory()
        {
            if (_bytes.Length - _count < 4096)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            return _bytes.AsMemory(_count);
        }

        public void Advance(int count) => _count += count;
    }
}
