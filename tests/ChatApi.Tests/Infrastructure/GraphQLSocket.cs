using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatt.ChatApi.Tests.Infrastructure;

/// <summary>
/// A small graphql-transport-ws client for scenario tests (the protocol edge cases and the real npm clients are
/// tested in Transport/). It authenticates through connection_init, as browsers do, and sorts incoming
/// <c>next</c>/<c>error</c>/<c>complete</c> frames by operation id.
/// </summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<string, Channel<JsonElement>> _operations = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task? _reader;
    private int _nextId;

    public static async Task<GraphQLSocket> ConnectAsync(Uri uri, string token)
    {
        var socket = new GraphQLSocket();
        socket._socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket._socket.ConnectAsync(uri, TestContext.Current.CancellationToken);
        await socket.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + token } });
        var ack = await socket.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
        socket._reader = socket.PumpAsync();
        return socket;
    }

    /// <summary>Starts an operation and returns its id; read its results with <see cref="NextAsync"/>.</summary>
    public async Task<string> SubscribeAsync(string query, object? variables = null)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (_operations)
        {
            _operations[id] = Channel.CreateUnbounded<JsonElement>();
        }

        await SendAsync(new { id, type = "subscribe", payload = new { query, variables } });
        return id;
    }

    /// <summary>The next frame for the operation (<c>next</c>, <c>error</c> or <c>complete</c>), within the timeout.</summary>
    public async Task<JsonElement> NextFrameAsync(string id, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        Channel<JsonElement> channel;
        lock (_operations)
        {
            channel = _operations[id];
        }

        try
        {
            return await channel.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No frame for operation {id} within the timeout (socket {_socket.State}, close {_socket.CloseStatus}).");
        }
    }

    /// <summary>The data of the operation's next <c>next</c> frame; fails on anything else.</summary>
    public async Task<JsonElement> NextAsync(string id, TimeSpan? timeout = null)
    {
        var frame = await NextFrameAsync(id, timeout);
        Assert.True(frame.GetProperty("type").GetString() == "next", $"Expected next, got {frame}");
        var payload = frame.GetProperty("payload");
        Assert.False(payload.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return payload.GetProperty("data");
    }

    /// <summary>True when nothing arrives for the operation within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(string id, TimeSpan quiet)
    {
        try
        {
            await NextFrameAsync(id, quiet);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await ReadAsync(_stop.Token) is { } message)
            {
                if (message.GetProperty("type").GetString() == "ping")
                {
                    await SendAsync(new { type = "pong" });
                    continue;
                }

                if (message.TryGetProperty("id", out var id))
                {
                    Channel<JsonElement>? channel;
                    lock (_operations)
                    {
                        _operations.TryGetValue(id.GetString()!, out channel);
                    }

                    channel?.Writer.TryWrite(message);
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
            // Closed by the test or the server: readers see the timeout with the close status.
        }
    }

    private async Task<JsonElement?> ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }

    private async Task SendAsync(object message)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
        }
        catch (Exception)
        {
            // The server may already have gone.
        }

        if (_reader is not null)
        {
            await Task.WhenAny(_reader, Task.Delay(2000));
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
