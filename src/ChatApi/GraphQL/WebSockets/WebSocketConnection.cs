using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// One accepted socket: a single writer fed by a bounded channel, a reader, and the close handshake.
/// <list type="bullet">
/// <item>Every outbound frame goes through <see cref="TrySend"/>, which never blocks: when the queue is full the client
/// is a slow consumer and the socket is closed with <see cref="CloseCodes.SlowConsumer"/>, so a publisher fanning an
/// event out never waits on one client.</item>
/// <item>Only the writer loop touches <see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>,
/// so sends are serialized without a lock.</item>
/// <item>Closing (<see cref="RequestClose"/>) drops queued frames, sends the close frame from the writer, and waits for
/// the peer's close frame; a client's close frame is echoed with its own code. The socket is aborted only if the
/// peer does not finish the handshake within <see cref="GraphQLWebSocketOptions.CloseTimeout"/>: cancelling right after
/// CloseOutputAsync would lose the close code (the client would see 1006).</item>
/// </list>
/// </summary>
public sealed partial class WebSocketConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly GraphQLWebSocketOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<OutgoingFrame> _outbox;
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenSource _closing = new();
    private int _closeRequested;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";
    private bool _flushBeforeClose;

    public WebSocketConnection(WebSocket socket, GraphQLWebSocketOptions options, ILogger logger, CancellationToken requestAborted)
    {
        _socket = socket;
        _options = options;
        _logger = logger;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _outbox = Channel.CreateBounded<OutgoingFrame>(new BoundedChannelOptions(options.OutboundQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: "full" is reported, never waited on
        });
    }

    /// <summary>Cancelled as soon as a close is requested (by either side): running operations stop.</summary>
    public CancellationToken Closing => _closing.Token;

    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    /// <summary>Queues a frame for the writer; takes ownership of its buffer. False when the socket is closing.</summary>
    public bool TrySend(OutgoingFrame frame)
    {
        if (!IsClosing && _outbox.Writer.TryWrite(frame))
        {
            return true;
        }

        frame.Return();
        if (!IsClosing)
        {
            Log.SlowConsumer(_logger, _options.OutboundQueueCapacity);
            RequestClose(CloseCodes.SlowConsumer, "Slow consumer: outbound queue full");
        }

        return false;
    }

    /// <summary>
    /// Starts closing with <paramref name="code"/>; only the first request counts. Frames already queued are dropped,
    /// unless <paramref name="flush"/> asks to send them first (a last message the client must read before the close).
    /// </summary>
    public void RequestClose(int code, string reason, bool flush = false)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }

        _closeStatus = (WebSocketCloseStatus)code;
        _closeReason = Truncate(reason);
        _flushBeforeClose = flush;
        Log.Closing(_logger, code, reason);
        _outbox.Writer.TryComplete();
        _abort.CancelAfter(_options.CloseTimeout);
        // Operations' cancellation callbacks (stream disposal) run off this thread: a publisher that found the queue
        // full must not end up running them.
        _ = _closing.CancelAsync();
    }

    /// <summary>The single writer: sends queued frames until a close is requested, then the close frame.</summary>
    public async Task RunWriterAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync(CancellationToken.None))
            {
                try
                {
                    if (!IsClosing || _flushBeforeClose)
                    {
                        await _socket.SendAsync(frame.Memory, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
                    }
                }
                finally
                {
                    frame.Return();
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, _abort.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            RequestClose(CloseCodes.Normal, "");
            DrainOutbox();
        }
    }

    /// <summary>
    /// Reads whole messages and hands each to <paramref name="onMessage"/> until the peer's close frame (echoed) or
    /// the connection fails. Messages that arrive while closing are ignored.
    /// </summary>
    public async Task RunReaderAsync(Func<ReadOnlyMemory<byte>, ValueTask> onMessage)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4_096);
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= _options.MaxMessageBytes)
                        {
                            RequestClose(CloseCodes.MessageTooBig, "Message too big");
                            return;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    received = await _socket.ReceiveAsync(buffer.AsMemory(count), _abort.Token);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        // Echo the client's own code (the RFC's close handshake); a no-op if we started the close.
                        RequestClose((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), _socket.CloseStatusDescription ?? "");
                        return;
                    }

                    count += received.Count;
                    if (count > _options.MaxMessageBytes)
                    {
                        RequestClose(CloseCodes.MessageTooBig, "Message too big");
                        return;
                    }
                }
                while (!received.EndOfMessage);

                if (IsClosing)
                {
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    RequestClose(CloseCodes.BadRequest, "Binary messages are not supported");
                    continue;
                }

                await onMessage(buffer.AsMemory(0, count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            RequestClose(CloseCodes.Normal, "");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose()
    {
        DrainOutbox();
        _abort.Dispose();
        _closing.Dispose();
    }

    /// <summary>A close reason is limited to 123 UTF-8 bytes by RFC 6455.</summary>
    private static string Truncate(string reason)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(reason) <= 123)
        {
            return reason;
        }

        var end = Math.Min(reason.Length, 120);
        while (System.Text.Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > 120)
        {
            end--;
        }

        return string.Concat(reason.AsSpan(0, end), "...");
    }

    private void DrainOutbox()
    {
        while (_outbox.Reader.TryRead(out var frame))
        {
            frame.Return();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, EventName = "WebSocketSlowConsumer", Level = LogLevel.Warning, Message = "Closing a WebSocket whose outbound queue of {Capacity} frames is full (slow consumer)")]
        public static partial void SlowConsumer(ILogger logger, int capacity);

        [LoggerMessage(EventId = 2202, EventName = "WebSocketClosing", Level = LogLevel.Debug, Message = "Closing WebSocket with {Code} '{Reason}'")]
        public static partial void Closing(ILogger logger, int code, string reason);
    }
}
