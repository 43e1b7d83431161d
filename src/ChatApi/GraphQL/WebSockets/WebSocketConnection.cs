using System.Net.WebSockets;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// One accepted socket's outbound side: a single writer fed by a byte-bounded queue, and the close handshake.
/// <list type="bullet">
/// <item>Every outbound frame goes through <see cref="TrySend"/>, which never blocks. A client that lets more than
/// <see cref="GraphQLWebSocketOptions.MaxOutboundBytes"/> pile up, or whose socket takes longer than
/// <see cref="GraphQLWebSocketOptions.SendTimeout"/> to accept one frame, is a slow consumer: the socket is closed
/// with 4008 and its queue released at once, so a publisher never waits on one client and no client pins memory.</item>
/// <item>Only the writer loop touches <see cref="WebSocket.SendAsync(ReadOnlyMemory{byte}, WebSocketMessageType, bool, CancellationToken)"/>,
/// so sends are serialized without a lock.</item>
/// <item>Closing (<see cref="RequestClose"/>) drops queued frames, sends the close frame from the writer, and waits for
/// the peer's close frame; a client's close frame is echoed with its own code. The socket is aborted only if the
/// peer does not finish the handshake within <see cref="GraphQLWebSocketOptions.CloseTimeout"/>: cancelling right after
/// CloseOutputAsync would lose the close code (the client would see 1006).</item>
/// <item>An idle socket holds no queue: the frame queue is created for the first frame and dropped once the writer
/// has emptied it, and the waiting writer holds one small completion source (measured by bench/, scenario idle).</item>
/// </list>
/// </summary>
public sealed partial class WebSocketConnection : IDisposable
{
    private readonly GraphQLWebSocketOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _outboxGate = new();
    private Queue<OutgoingFrame>? _outbox;
    private TaskCompletionSource? _writerWaiting;
    private bool _outboxCompleted;
    private readonly CancellationTokenSource _abort;
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeProvider _time;
    private ITimer? _sendWatchdog; // created at the first send: an idle socket holds no timer for it
    private long _queuedBytes;
    private int _closeRequested;
    private CloseReason _close = CloseReason.Normal;
    private bool _flushBeforeClose;

    public WebSocketConnection(WebSocket socket, GraphQLWebSocketOptions options, TimeProvider time, ILogger logger, CancellationToken requestAborted)
    {
        Socket = socket;
        _options = options;
        _logger = logger;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        _time = time;
    }

    public WebSocket Socket { get; }

    /// <summary>Cancelled as soon as a close is requested (by either side): running operations stop.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Cancelled when the socket must be given up: the request aborted, or the close handshake timed out.</summary>
    public CancellationToken Aborted => _abort.Token;

    public bool IsClosing => Volatile.Read(ref _closeRequested) == 1;

    /// <summary>Bytes of frames queued and not yet sent.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues a frame for the writer; takes ownership of its buffer. False when the socket is closing.</summary>
    public bool TrySend(OutgoingFrame frame)
    {
        if (IsClosing)
        {
            frame.Return();
            return false;
        }

        if (Interlocked.Add(ref _queuedBytes, frame.Length) > _options.MaxOutboundBytes)
        {
            Release(frame);
            Log.SlowConsumer(_logger, _options.MaxOutboundBytes);
            RequestClose(CloseReason.SlowConsumerBytes);
            return false;
        }

        TaskCompletionSource? wake = null;
        bool queued;
        lock (_outboxGate)
        {
            queued = !_outboxCompleted;
            if (queued)
            {
                (_outbox ??= new Queue<OutgoingFrame>(4)).Enqueue(frame);
                wake = _writerWaiting;
                _writerWaiting = null;
            }
        }

        if (!queued)
        {
            Release(frame); // completed by a concurrent close
            return false;
        }

        wake?.TrySetResult();
        return true;
    }

    /// <summary>
    /// Starts closing with <paramref name="reason"/>; only the first request counts. Frames already queued are dropped
    /// (their memory released now, not when the writer gets to them), unless <paramref name="flush"/> asks to send them
    /// first (a last message the client must read before the close).
    /// </summary>
    public void RequestClose(CloseReason reason, bool flush = false)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) == 1)
        {
            return;
        }

        _close = reason with { Description = reason.Truncated };
        _flushBeforeClose = flush;
        Log.Closing(_logger, reason.Code, reason.Description);
        CompleteOutbox();
        if (!flush)
        {
            DrainOutbox();
        }

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
            while (await NextFrameAsync() is { } frame)
            {
                try
                {
                    if (!IsClosing || _flushBeforeClose)
                    {
                        _sendWatchdog ??= _time.CreateTimer(static state => ((WebSocketConnection)state!).OnSendTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                        _sendWatchdog.Change(_options.SendTimeout, Timeout.InfiniteTimeSpan);
                        await Socket.SendAsync(frame.Memory, WebSocketMessageType.Text, endOfMessage: true, _abort.Token);
                        _sendWatchdog.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    }
                }
                finally
                {
                    Release(frame);
                }
            }

            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync((WebSocketCloseStatus)_close.Code, _close.Description, _abort.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            RequestClose(CloseReason.Normal);
            DrainOutbox();
        }
    }

    public void Dispose()
    {
        _sendWatchdog?.Dispose();
        DrainOutbox();
        _abort.Dispose();
        _closing.Dispose();
    }

    private void OnSendTimeout()
    {
        if (!IsClosing)
        {
            Log.SendTimeout(_logger, _options.SendTimeout);
            RequestClose(CloseReason.SlowConsumerSendTimeout);
        }
    }

    private void Release(OutgoingFrame frame)
    {
        Interlocked.Add(ref _queuedBytes, -frame.Length);
        frame.Return();
    }

    /// <summary>The next queued frame, waiting while there is none; null once the outbox is completed and empty.</summary>
    private async ValueTask<OutgoingFrame?> NextFrameAsync()
    {
        while (true)
        {
            Task waiting;
            lock (_outboxGate)
            {
                if (TryDequeue(out var frame))
                {
                    return frame;
                }

                if (_outboxCompleted)
                {
                    return null;
                }

                // Continuations run off the sender's thread: a publisher never ends up running this writer.
                _writerWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = _writerWaiting.Task;
            }

            await waiting;
        }
    }

    private void CompleteOutbox()
    {
        TaskCompletionSource? wake;
        lock (_outboxGate)
        {
            _outboxCompleted = true;
            wake = _writerWaiting;
            _writerWaiting = null;
        }

        wake?.TrySetResult();
    }

    // Under _outboxGate. The queue goes when it is empty, so a socket between bursts holds none.
    private bool TryDequeue(out OutgoingFrame frame)
    {
        if (_outbox is { Count: > 0 } queue)
        {
            frame = queue.Dequeue();
            if (queue.Count == 0)
            {
                _outbox = null;
            }

            return true;
        }

        frame = default;
        return false;
    }

    private void DrainOutbox()
    {
        while (true)
        {
            OutgoingFrame frame;
            lock (_outboxGate)
            {
                if (!TryDequeue(out frame))
                {
                    return;
                }
            }

            Release(frame);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, EventName = "WebSocketSlowConsumer", Level = LogLevel.Warning, Message = "Closing a WebSocket with more than {MaxBytes} bytes waiting for it (slow consumer)")]
        public static partial void SlowConsumer(ILogger logger, int maxBytes);

        [LoggerMessage(EventId = 2202, EventName = "WebSocketClosing", Level = LogLevel.Debug, Message = "Closing WebSocket with {Code} '{Reason}'")]
        public static partial void Closing(ILogger logger, int code, string reason);

        [LoggerMessage(EventId = 2206, EventName = "WebSocketSendTimeout", Level = LogLevel.Warning, Message = "Closing a WebSocket whose send took longer than {Timeout} (slow consumer)")]
        public static partial void SendTimeout(ILogger logger, TimeSpan timeout);
    }
}
