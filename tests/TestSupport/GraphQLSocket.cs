using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Chatt.Tests.Support;

/// <summary>
/// The one WebSocket client of every test project and the bench, for both GraphQL protocols
/// (<c>graphql-transport-ws</c> and the legacy <c>graphql-ws</c>). Three ways to authenticate, as real clients do:
/// the token in the <c>connection_init</c> payload (<see cref="ConnectAsync(Uri, string)"/>),
/// a browser's cookies and Origin, or an <c>Authorization</c> header (<see cref="ConnectAsync(Uri, GraphQLSocketOptions)"/>).
/// <para>
/// One reader pumps every frame: frames of an operation started with <see cref="SubscribeAsync(string, object?)"/>
/// go to that operation's queue (<see cref="NextAsync"/>, <see cref="NextFrameAsync"/>), everything else to the
/// socket's own queue (<see cref="ReceiveAsync"/>, <see cref="TryReceiveAsync"/>). When the socket ends, every queue
/// yields <see cref="ClosedFrame"/> — the one closed-socket signal. Pings are answered unless
/// <see cref="GraphQLSocketOptions.Raw"/>, which also defers reading until the first receive, so a test can leave a
/// socket unread (a slow consumer) or see every frame the server sends.
/// </para>
/// </summary>
public sealed class GraphQLSocket : IAsyncDisposable
{
    /// <summary>What a queue yields once the connection has ended (a close frame or an aborted connection).</summary>
    public static readonly JsonElement ClosedFrame = JsonDocument.Parse("{\"type\":\"closed\"}").RootElement.Clone();

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly GraphQLSocketOptions _options;
    private readonly Channel<JsonElement> _unrouted = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<string, Channel<JsonElement>> _operations = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _pumpGate = new();
    private Task? _pump;
    private int _nextId;

    private GraphQLSocket(GraphQLSocketOptions options) => _options = options;

    public WebSocketState State => _socket.State;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>The subprotocol the server accepted.</summary>
    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Connects and authenticates as a token-holding client: the token in <c>connection_init</c>, then waits for the ack.</summary>
    public static async Task<GraphQLSocket> ConnectAsync(Uri uri, string token)
    {
        var socket = await ConnectAsync(uri, new GraphQLSocketOptions());
        await socket.InitAsync(token);
        return socket;
    }

    /// <summary>Opens the socket only; send <c>connection_init</c> with <see cref="InitAsync(object?, string)"/>.</summary>
    public static async Task<GraphQLSocket> ConnectAsync(Uri uri, GraphQLSocketOptions options)
    {
        var socket = new GraphQLSocket(options);
        options.Apply(socket._socket.Options);
        using var deadline = new CancellationTokenSource(DefaultWait);
        await socket._socket.ConnectAsync(ToWebSocketUri(uri), options.Invoker, deadline.Token);
        if (!options.Raw)
        {
            socket.EnsurePump();
        }

        return socket;
    }

    /// <summary>For protocol tests: a <see cref="GraphQLSocketOptions.Raw"/> socket, nothing sent yet.</summary>
    public static Task<GraphQLSocket> ConnectRawAsync(Uri uri, string? subprotocol = GraphQLSocketOptions.TransportProtocol, string? headerToken = null) =>
        ConnectAsync(uri, new GraphQLSocketOptions { Raw = true, SubProtocol = subprotocol, BearerToken = headerToken });

    /// <summary>The HTTP status of a refused upgrade, or null when the server accepted it.</summary>
    public static async Task<HttpStatusCode?> RefusalOfAsync(Uri uri, GraphQLSocketOptions options)
    {
        using var socket = new ClientWebSocket();
        options.Apply(socket.Options);
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            using var timeout = new CancellationTokenSource(DefaultWait);
            await socket.ConnectAsync(ToWebSocketUri(uri), timeout.Token);
            return null;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    /// <summary>Sends <c>connection_init</c> with <c>{ Authorization: "Bearer …" }</c> and waits for <paramref name="ackType"/>.</summary>
    public Task InitAsync(string token, string ackType = "connection_ack") =>
        InitAsync(new { Authorization = "Bearer " + token }, ackType);

    /// <summary>Sends <c>connection_init</c> with <paramref name="payload"/> (none: <c>{}</c>) and waits for <paramref name="ackType"/>.</summary>
    public async Task InitAsync(object? payload = null, string ackType = "connection_ack")
    {
        await SendAsync(new { type = "connection_init", payload = payload ?? new { } });
        var ack = await ReceiveAsync();
        if (ack.GetProperty("type").GetString() != ackType)
        {
            throw new InvalidOperationException($"Expected {ackType}, got {ack}.");
        }
    }

    /// <summary>Starts an operation under a new id, whose frames then queue apart from the socket's; returns the id.</summary>
    public async Task<string> SubscribeAsync(string query, object? variables = null)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        await SubscribeAsync(id, query, variables);
        return id;
    }

    /// <summary>Starts an operation under <paramref name="id"/> (<c>subscribe</c>, or <c>start</c> on the legacy protocol).</summary>
    public async Task SubscribeAsync(string id, string query, object? variables = null)
    {
        lock (_operations)
        {
            _operations.TryAdd(id, Channel.CreateUnbounded<JsonElement>());
        }

        var type = _socket.SubProtocol == GraphQLSocketOptions.LegacyProtocol ? "start" : "subscribe";
        await SendAsync(new { id, type, payload = new { query, variables } });
    }

    /// <summary>The operation's next frame (<c>next</c>, <c>error</c>, <c>complete</c>; <see cref="ClosedFrame"/> once the socket ended).</summary>
    public async Task<JsonElement> NextFrameAsync(string id, TimeSpan? timeout = null) =>
        await TryNextFrameAsync(id, timeout ?? DefaultWait)
        ?? throw new TimeoutException($"No frame for operation {id} within {timeout ?? DefaultWait} (socket {_socket.State}, close {_socket.CloseStatus}).");

    /// <summary>The operation's next frame, or null when none arrives within <paramref name="wait"/>.</summary>
    public Task<JsonElement?> TryNextFrameAsync(string id, TimeSpan wait)
    {
        EnsurePump();
        Channel<JsonElement> channel;
        lock (_operations)
        {
            channel = _operations.TryGetValue(id, out var known) ? known : throw new InvalidOperationException($"No operation {id} was started on this socket.");
        }

        return ReadAsync(channel, wait);
    }

    /// <summary>The <c>data</c> of the operation's next result; fails on anything else (errors, complete, closed).</summary>
    public async Task<JsonElement> NextAsync(string id, TimeSpan? timeout = null)
    {
        var frame = await NextFrameAsync(id, timeout);
        var type = frame.GetProperty("type").GetString();
        if (type is not ("next" or "data"))
        {
            throw new InvalidOperationException($"Expected a result for operation {id}, got {frame}.");
        }

        var payload = frame.GetProperty("payload");
        if (payload.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException($"Operation {id} answered errors: {errors}.");
        }

        return payload.GetProperty("data");
    }

    /// <summary>True when nothing arrives for the operation within <paramref name="quiet"/>.</summary>
    public async Task<bool> StaysQuietAsync(string id, TimeSpan quiet) => await TryNextFrameAsync(id, quiet) is null;

    /// <summary>The socket's next frame that belongs to no started operation; fails when none arrives in time.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null) =>
        await TryReceiveAsync(timeout ?? DefaultWait)
        ?? throw new TimeoutException($"No message within {timeout ?? DefaultWait} (close status: {CloseStatus?.ToString() ?? "open"}).");

    /// <summary>The socket's next frame, or null after <paramref name="wait"/>; the socket stays usable.</summary>
    public Task<JsonElement?> TryReceiveAsync(TimeSpan wait)
    {
        EnsurePump();
        return ReadAsync(_unrouted, wait);
    }

    /// <summary>Reads (and discards) the socket's frames until the server's close frame; returns its code.</summary>
    public async Task<int> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (await TryReceiveAsync(deadline - DateTimeOffset.UtcNow) is { } frame)
        {
            if (frame.GetProperty("type").GetString() == "closed")
            {
                return (int?)CloseStatus ?? throw new InvalidOperationException("The socket ended without a close frame.");
            }

            if (deadline <= DateTimeOffset.UtcNow)
            {
                break;
            }
        }

        throw new TimeoutException($"The server did not close the socket within {timeout ?? TimeSpan.FromSeconds(15)}.");
    }

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    /// <summary>Sends <paramref name="text"/> as one text frame, exactly as given (malformed frames included).</summary>
    public async Task SendAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(DefaultWait);
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Starts the closing handshake with <paramref name="status"/>; the server's answer ends the queues.</summary>
    public Task CloseAsync(WebSocketCloseStatus status) => _socket.CloseOutputAsync(status, "bye", CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server may already have gone.
        }

        if (_pump is not null)
        {
            await Task.WhenAny(_pump, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        _socket.Abort();
        _socket.Dispose();
    }

    private static Uri ToWebSocketUri(Uri uri) => uri.Scheme switch
    {
        "http" => new UriBuilder(uri) { Scheme = "ws", Port = uri.Port }.Uri,
        "https" => new UriBuilder(uri) { Scheme = "wss", Port = uri.Port }.Uri,
        _ => uri,
    };

    private static async Task<JsonElement?> ReadAsync(Channel<JsonElement> channel, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        try
        {
            return await channel.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            return ClosedFrame;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private void EnsurePump()
    {
        lock (_pumpGate)
        {
            _pump ??= Task.Run(PumpAsync);
        }
    }

    /// <summary>Reads on its own, so a test waiting with a timeout never cancels (and so aborts) a pending receive.</summary>
    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Echo the close so the server sees a clean closing handshake.
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                JsonElement frame;
                using (var document = JsonDocument.Parse(message.GetBuffer().AsMemory(0, (int)message.Length)))
                {
                    frame = document.RootElement.Clone();
                }

                message.SetLength(0);
                await DispatchAsync(frame);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The connection was dropped or disposed: for the tests, the same as a close.
        }
        finally
        {
            _unrouted.Writer.TryComplete();
            lock (_operations)
            {
                foreach (var channel in _operations.Values)
                {
                    channel.Writer.TryComplete();
                }
            }
        }
    }

    private async Task DispatchAsync(JsonElement frame)
    {
        var type = frame.TryGetProperty("type", out var typeProperty) ? typeProperty.GetString() : null;
        if (type == "ping" && !_options.Raw)
        {
            await SendAsync(new { type = "pong" });
            return;
        }

        Channel<JsonElement>? channel = null;
        if (frame.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            lock (_operations)
            {
                _operations.TryGetValue(id.GetString()!, out channel);
            }
        }

        (channel ?? _unrouted).Writer.TryWrite(frame);
    }
}
