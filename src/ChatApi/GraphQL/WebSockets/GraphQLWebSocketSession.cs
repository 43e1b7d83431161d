using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Chatt.ChatApi.Auth;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;
using GraphQL.Transport;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// What both subprotocols share: connection_init with its timeout and authentication, token expiry, the operation
/// registry with its per-socket limit, running operations through <see cref="GraphQLRunner"/>, and frame
/// serialization. A subclass maps its protocol's message types onto these.
/// </summary>
public abstract partial class GraphQLWebSocketSession : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WebSocketOperation> _operations = new(StringComparer.Ordinal);
    private readonly HttpContext _http;
    private readonly ITimer _initTimer;
    private ITimer? _expiryTimer;
    private ClaimsPrincipal? _user;
    private int _initReceived;

    protected GraphQLWebSocketSession(WebSocketConnection connection, HttpContext http, GraphQLWebSocketHandler host)
    {
        Connection = connection;
        Host = host;
        _http = http;
        _initTimer = host.Time.CreateTimer(static state => ((GraphQLWebSocketSession)state!).OnInitTimeout(), this, host.Options.ConnectionInitTimeout, Timeout.InfiniteTimeSpan);
    }

    protected WebSocketConnection Connection { get; }

    protected GraphQLWebSocketHandler Host { get; }

    /// <summary>True once connection_init was accepted.</summary>
    protected bool IsAcknowledged => Volatile.Read(ref _user) is not null;

    /// <summary>The transport tag of this protocol's operations in the telemetry.</summary>
    protected abstract string TransportName { get; }

    /// <summary>The message type that carries a result: <c>next</c> or <c>data</c>.</summary>
    protected abstract string NextType { get; }

    /// <summary>Reads frames until the socket closes, then stops every operation.</summary>
    public async Task RunAsync()
    {
        var writer = Connection.RunWriterAsync();
        await Connection.RunReaderAsync(OnFrameAsync);
        await writer;
    }

    public virtual async ValueTask DisposeAsync()
    {
        await _initTimer.DisposeAsync();
        if (_expiryTimer is not null)
        {
            await _expiryTimer.DisposeAsync();
        }

        foreach (var operation in _operations.Values)
        {
            await operation.DisposeAsync();
        }

        _operations.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Handles one parsed message. The payload is only valid until the returned task's first await.</summary>
    protected abstract ValueTask OnMessageAsync(string type, string? id, JsonElement payload);

    /// <summary>
    /// Accepts connection_init once: the principal is the upgrade request's (Authorization header) or, for browsers,
    /// the token in the payload's <c>Authorization</c>. False (and the socket closing) when refused.
    /// </summary>
    protected async ValueTask<bool> InitializeAsync(JsonElement payload)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            Connection.RequestClose(CloseCodes.TooManyInitialisationRequests, "Too many initialisation requests");
            return false;
        }

        var token = AuthorizationFrom(payload);
        var user = _http.User.Identity?.IsAuthenticated == true
            ? _http.User
            : token is null ? null : await Host.Authenticator.AuthenticateAsync(token, Connection.Closing);
        if (user is null)
        {
            Log.Unauthorized(Host.Logger);
            OnUnauthorized();
            return false;
        }

        if (user.ExpiresAt() is { } expiresAt)
        {
            var due = expiresAt - Host.Time.GetUtcNow();
            if (due <= TimeSpan.Zero)
            {
                OnExpired();
                return false;
            }

            // ITimer accepts at most ~49 days; a token living longer is re-checked then.
            _expiryTimer = Host.Time.CreateTimer(static state => ((GraphQLWebSocketSession)state!).OnExpired(), this,
                due < TimeSpan.FromDays(45) ? due : TimeSpan.FromDays(45), Timeout.InfiniteTimeSpan);
        }

        Volatile.Write(ref _user, user);
        return true;
    }

    /// <summary>Refuses a connection_init without valid credentials (4401 by default).</summary>
    protected virtual void OnUnauthorized() => Connection.RequestClose(CloseCodes.Unauthorized, "Unauthorized");

    protected bool IsRunning(string id) => _operations.ContainsKey(id);

    /// <summary>
    /// Registers and starts an operation. The slot is taken before execution starts, so the limit and duplicate ids
    /// are judged on arrival order, not on how fast earlier operations got going.
    /// </summary>
    protected void StartOperation(string id, GraphQLRequest request)
    {
        var operation = new WebSocketOperation(id, Host.Scopes, Connection.Closing);
        if (!_operations.TryAdd(id, operation))
        {
            _ = operation.DisposeAsync().AsTask();
            return;
        }

        if (_operations.Count > Host.Options.MaxOperationsPerSocket)
        {
            _ = RemoveAsync(operation);
            SendErrors(id, [new ExecutionError($"Too many operations on this socket: at most {Host.Options.MaxOperationsPerSocket} may run at once.") { Code = TransportErrorCodes.TooManyOperations }]);
            return;
        }

        _ = RunOperationAsync(operation, request);
    }

    /// <summary>Stops an operation the client no longer wants; false when none runs under <paramref name="id"/>.</summary>
    protected async ValueTask<bool> StopOperationAsync(string id)
    {
        if (!_operations.TryRemove(id, out var operation))
        {
            return false;
        }

        await operation.DisposeAsync();
        return true;
    }

    protected void Send(string type, string? id = null, object? payload = null)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (id is not null)
                {
                    writer.WriteString("id", id);
                }

                writer.WriteString("type", type);
                if (payload is not null)
                {
                    writer.WritePropertyName("payload");
                    JsonSerializer.Serialize(writer, payload, payload.GetType(), Host.JsonOptions);
                }

                writer.WriteEndObject();
            }

            Connection.TrySend(buffer.Detach());
        }
        finally
        {
            buffer.Dispose();
        }
    }

    protected void SendErrors(string id, ExecutionErrors errors) => Send("error", id, errors);

    private async ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: not JSON");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String)
            {
                Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: no type");
                return;
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            root.TryGetProperty("payload", out var payload);
            await OnMessageAsync(type.GetString()!, id, payload);
        }
    }

    private async Task RunOperationAsync(WebSocketOperation operation, GraphQLRequest request)
    {
        try
        {
            var prepared = Host.Runner.Prepare(request);
            var result = await Host.Runner.ExecuteAsync(prepared, _user!, operation.Services, TransportName, operation.Cancellation);
            // A request error, or a subscription whose source stream could not be created (e.g. FORBIDDEN for a
            // non-member): one terminal error message, as graphql-transport-ws defines it, and no complete.
            var refusedSubscription = prepared.OperationType == GraphQLParser.AST.OperationType.Subscription && result.Streams is not { Count: > 0 };
            if (!result.Executed || refusedSubscription)
            {
                if (operation.Finish())
                {
                    SendErrors(operation.Id, result.Errors ?? []);
                }

                await RemoveAsync(operation);
                return;
            }

            if (result.Streams is { Count: > 0 } streams)
            {
                var telemetry = Host.Telemetry;
                telemetry.ActiveSubscriptions.Add(1);
                operation.OnDisposed = () => telemetry.ActiveSubscriptions.Add(-1);
                if (SubscriptionFanOut.ShareKey(prepared) is { } shareKey)
                {
                    // Authorized above; release this execution's own source and take results from the shared one.
                    foreach (var stream in streams.Values)
                    {
                        stream.Subscribe(IgnoringObserver.Instance).Dispose();
                    }

                    operation.Track(await Host.FanOut.JoinAsync(shareKey, prepared, _user!, new FanOutMember(this, operation)));
                    return;
                }

                foreach (var stream in streams.Values)
                {
                    operation.Track(stream.Subscribe(new StreamObserver(this, operation)));
                }

                return;
            }

            if (operation.Finish())
            {
                Send(NextType, operation.Id, result);
                Send("complete", operation.Id);
            }

            await RemoveAsync(operation);
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            await RemoveAsync(operation);
        }
        catch (Exception ex)
        {
            var error = Host.Errors.Map(ex);
            if (operation.Finish())
            {
                SendErrors(operation.Id, [error]);
            }

            await RemoveAsync(operation);
        }
    }

    private async Task RemoveAsync(WebSocketOperation operation)
    {
        // Remove this very operation only: a legacy client may already have reused its id.
        _operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation));
        await operation.DisposeAsync();
    }

    private static string? AuthorizationFrom(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in payload.EnumerateObject())
        {
            if (property.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private void OnInitTimeout()
    {
        if (Volatile.Read(ref _initReceived) == 0)
        {
            Connection.RequestClose(CloseCodes.ConnectionInitTimeout, "Connection initialisation timeout");
        }
    }

    private void OnExpired()
    {
        Log.TokenExpired(Host.Logger);
        Connection.RequestClose(CloseCodes.Forbidden, "Forbidden: token expired");
    }

    /// <summary>Like <see cref="Send"/>, with a payload that is already JSON (a shared subscription's result).</summary>
    private void SendSerialized(string type, string id, byte[] payload)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("type", type);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(payload, skipInputValidation: true);
                writer.WriteEndObject();
            }

            Connection.TrySend(buffer.Detach());
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>This socket's operation as a member of a shared subscription.</summary>
    private sealed class FanOutMember(GraphQLWebSocketSession session, WebSocketOperation operation) : IFanOutMember
    {
        public void Next(byte[] payload)
        {
            if (!operation.IsFinished)
            {
                session.SendSerialized(session.NextType, operation.Id, payload);
            }
        }

        public void End(Exception? error)
        {
            var observer = new StreamObserver(session, operation);
            if (error is null)
            {
                observer.OnCompleted();
            }
            else
            {
                observer.OnError(error);
            }
        }
    }

    private sealed class IgnoringObserver : IObserver<ExecutionResult>
    {
        public static IgnoringObserver Instance { get; } = new();

        public void OnNext(ExecutionResult value)
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    /// <summary>Forwards one subscription's events; the first of error/completion finishes the operation.</summary>
    private sealed class StreamObserver(GraphQLWebSocketSession session, WebSocketOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (!operation.IsFinished)
            {
                session.Send(session.NextType, operation.Id, value);
            }
        }

        public void OnError(Exception error)
        {
            if (operation.Finish())
            {
                session.Send(session.NextType, operation.Id, new ExecutionResult { Errors = [session.Host.Errors.Map(error)] });
                session.Send("complete", operation.Id);
            }

            _ = session.RemoveAsync(operation);
        }

        public void OnCompleted()
        {
            if (operation.Finish())
            {
                session.Send("complete", operation.Id);
            }

            _ = session.RemoveAsync(operation);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2203, EventName = "WebSocketUnauthorized", Level = LogLevel.Information, Message = "Refused a WebSocket connection_init without a valid token")]
        public static partial void Unauthorized(ILogger logger);

        [LoggerMessage(EventId = 2204, EventName = "WebSocketTokenExpired", Level = LogLevel.Information, Message = "Closing a WebSocket whose token expired")]
        public static partial void TokenExpired(ILogger logger);
    }
}
