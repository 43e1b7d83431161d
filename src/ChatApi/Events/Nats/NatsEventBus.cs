using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// The event bus across instances, on core NATS (at-most-once on the wire; feeds repair gaps by seq).
/// <para>
/// Subjects: <c>chatt.conv.{conversationId}</c>, <c>chatt.user.{userId}</c>, <c>chatt.users</c>
/// (<see cref="Topic.Subject"/>); payloads: <see cref="ChatEventCodec"/>; headers: the deployment's signature
/// (<see cref="EventSigner"/>; an event without a valid one is dropped and counted, never delivered) and the
/// trace context (<see cref="BusTracing"/>).
/// </para>
/// <para>
/// A hosted service: it connects when the host starts, not on first use, and readiness
/// (<see cref="NatsHealthCheck"/>) is Unhealthy until the first connection is open. Publishes made before that,
/// or during an outage, wait in a bounded <see cref="NatsOutbox"/> and go out in order once NATS is back.
/// </para>
/// <para>
/// Interest-based, one NATS subscription per topic that has a local listener, never a wildcard such as
/// <c>chatt.conv.&gt;</c>: with a wildcard every instance would receive, decode and drop every message of
/// every conversation, so traffic into each instance grows with the whole cluster's traffic, while per-topic
/// subjects let the server route a message only to instances with a subscriber for it. A SUB costs one small
/// protocol line and a server-side entry when a conversation gets its first local subscriber, which is rare
/// next to messages. Measured here (nats-server 2.9.10, loopback): 10,000 topics subscribed on one
/// connection in 0.25 s and all unsubscribed within 1 s, server at 23 MiB; 100,000 publishes of a message
/// event (350 bytes with 100 characters of content) in 0.42 s. (<c>chatt.users</c> is a single subject,
/// so the question doesn't arise for it.)
/// </para>
/// <para>
/// Own events are delivered to this instance's listeners directly, on the publisher's thread, and the
/// connection is opened with echo off so the server never sends them back. Local delivery keeps working
/// while NATS is down and costs no round trip; no-echo removes duplicates at the server, with no
/// per-message instance-id header to write and check.
/// </para>
/// <para>
/// Subscribing is asynchronous while <see cref="Listen"/> is not: interest changes go to one background
/// loop that compares "has local listeners" with "has a NATS subscription" for the topic and fixes the
/// difference, so quick listen/unlisten sequences settle to the right state in order. The client
/// library's reconnect re-sends the subscriptions it holds.
/// </para>
/// </summary>
public sealed partial class NatsEventBus : IEventBus, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SubscribeRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainOnStopLimit = TimeSpan.FromSeconds(5);

    private readonly NatsConnection _connection;
    private readonly LocalListeners _listeners;
    private readonly NatsOutbox _outbox;
    private readonly EventSigner _signer;
    private readonly ILogger<NatsEventBus> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Channel<Topic> _interestChanges =
        Channel.CreateUnbounded<Topic>(new UnboundedChannelOptions { SingleReader = true });

    // Touched only by the reconcile loop (and by DisposeAsync after that loop ended).
    private readonly Dictionary<Topic, TopicSubscription> _subscriptions = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;
    private Task _reconciling = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;
    private long _droppedPublishes;
    private long _forgedEvents;
    private int _started;
    private int _disposed;
    private volatile bool _hasConnected;

    public NatsEventBus(NatsOpts options, NatsBusOptions settings, ILogger<NatsEventBus> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _signer = new EventSigner(settings.SigningKey ?? "");
        _outbox = new NatsOutbox(settings.OutboxCapacity, OnOutboxOverflow);
        _connection = new NatsConnection(options with
        {
            AuthOpts = WithCredentials(options.AuthOpts, settings),
            // Own events are delivered locally (see the type's remarks).
            Echo = false,
            // The API must start, and keep serving, while NATS is unreachable.
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            // A send that finds the connection gone fails after CommandTimeout; the event stays in the outbox.
            PublishTimeoutOnDisconnected = true,
        });
        _connection.ConnectionDisconnected += OnDisconnectedAsync;
        _connection.ConnectionOpened += OnOpenedAsync;
        _listeners = new LocalListeners(logger, OnInterestChanged, OnInterestChanged);
    }

    public NatsConnectionState ConnectionState => _connection.ConnectionState;

    /// <summary>True once the first connection opened (readiness waits for it).</summary>
    public bool HasConnected => _hasConnected;

    /// <summary>The server this bus talks to, without credentials (for logs and health).</summary>
    public string Server => _connection.ServerInfo is { } info ? $"{info.Host}:{info.Port}" : "(not connected)";

    /// <summary>Events waiting in the outbox for NATS.</summary>
    public int PendingPublishes => _outbox.Count;

    /// <summary>Events dropped from a full outbox (local listeners got them; other instances repair by seq).</summary>
    public long DroppedPublishes => Interlocked.Read(ref _droppedPublishes);

    /// <summary>Events received from NATS without this deployment's signature, and dropped.</summary>
    public long ForgedEvents => Interlocked.Read(ref _forgedEvents);

    /// <summary>Connects (retrying until NATS answers) and starts sending and subscribing; returns at once.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }
        _connecting = ConnectAsync();
        _reconciling = Task.Run(ReconcileAsync);
        _sending = Task.Run(SendAsync);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    /// <summary>Gives the outbox a bounded moment to drain, so a graceful stop does not strand committed events.</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(DrainOnStopLimit);
        try
        {
            while (_outbox.Count > 0 && _connection.ConnectionState == NatsConnectionState.Open)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _timeProvider, limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        if (_outbox.Count > 0)
        {
            LogStoppedWithPending(_logger, _outbox.Count);
        }
    }

    public IDisposable Listen(Topic topic, Action<ChatEvent> listener) => _listeners.Add(topic, listener);

    public ValueTask PublishAsync(Topic topic, ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        var headers = new Dictionary<string, string>(3, StringComparer.Ordinal);
        using var activity = BusTracing.StartPublish(topic, headers);
        _listeners.Deliver(topic, chatEvent);

        var encoded = new ArrayBufferWriter<byte>(256);
        ChatEventCodec.Instance.Serialize(encoded, chatEvent);
        var payload = encoded.WrittenSpan.ToArray();
        headers[EventSigner.HeaderName] = _signer.Sign(topic.Subject, payload);
        _outbox.Enqueue(new OutboundEvent(topic, chatEvent.GetType().Name, payload, headers));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _interestChanges.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _reconciling;
        await _sending;
        _connection.ConnectionDisconnected -= OnDisconnectedAsync;
        _connection.ConnectionOpened -= OnOpenedAsync;
        // No UNSUB per topic: closing the connection drops its subscriptions at the server and completes
        // their channels here, and it also ends a connect that is still retrying (which ignores our token).
        await _connection.DisposeAsync();
        await _connecting;
        foreach (var subscription in _subscriptions.Values)
        {
            await subscription.EndAsync();
        }
        _subscriptions.Clear();
        _stopping.Dispose();
    }

    private static NatsAuthOpts WithCredentials(NatsAuthOpts auth, NatsBusOptions settings) => auth with
    {
        Username = string.IsNullOrEmpty(settings.User) ? auth.Username : settings.User,
        Password = string.IsNullOrEmpty(settings.Password) ? auth.Password : settings.Password,
        Token = string.IsNullOrEmpty(settings.Token) ? auth.Token : settings.Token,
    };

    private void OnInterestChanged(Topic topic) => _interestChanges.Writer.TryWrite(topic);

    private void OnOutboxOverflow(OutboundEvent dropped)
    {
        Interlocked.Increment(ref _droppedPublishes);
        LogOutboxOverflow(_logger, dropped.EventType, dropped.Topic.Subject, _connection.ConnectionState);
    }

    private async Task ConnectAsync()
    {
        try
        {
            // With RetryOnInitialConnect this returns once connected (or throws when stopping).
            await _connection.ConnectAsync();
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogConnectFailed(_logger, ex);
        }
        catch (Exception)
        {
            // Disposed while still connecting.
        }
    }

    /// <summary>The one sender: drains the outbox, oldest first, while the connection is open.</summary>
    private async Task SendAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (true)
            {
                await _outbox.WaitAsync(stopping);
                while (_connection.ConnectionState == NatsConnectionState.Open && _outbox.TryPeek(out var next))
                {
                    try
                    {
                        await _connection.PublishAsync(next.Topic.Subject, next.Payload, Headers(next), cancellationToken: stopping);
                        _outbox.Remove(next);
                    }
                    catch (Exception ex) when (!stopping.IsCancellationRequested)
                    {
                        // Kept at the head of the outbox; tried again shortly or when the connection reopens.
                        LogSendFailed(_logger, ex, next.EventType, next.Topic.Subject, _outbox.Count);
                        _ = WakeLaterAsync(stopping);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private static NatsHeaders Headers(OutboundEvent outbound)
    {
        var headers = new NatsHeaders();
        foreach (var (key, value) in outbound.Headers)
        {
            headers[key] = value;
        }
        return headers;
    }

    private async Task WakeLaterAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(RetryDelay, _timeProvider, stopping);
            _outbox.Wake();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReconcileAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            await foreach (var topic in _interestChanges.Reader.ReadAllAsync(stopping))
            {
                var wanted = _listeners.HasListeners(topic);
                var held = _subscriptions.TryGetValue(topic, out var subscription);
                if (wanted && !held)
                {
                    await SubscribeAsync(topic, stopping);
                }
                else if (!wanted && held)
                {
                    _subscriptions.Remove(topic);
                    await UnsubscribeAsync(topic, subscription!);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SubscribeAsync(Topic topic, CancellationToken stopping)
    {
        try
        {
            var sub = await _connection.SubscribeCoreAsync<NatsMemoryOwner<byte>>(topic.Subject, cancellationToken: stopping);
            _subscriptions[topic] = new TopicSubscription(sub, Task.Run(() => PumpAsync(topic, sub), CancellationToken.None));
            LogSubscribed(_logger, topic.Subject);
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            LogSubscribeFailed(_logger, ex, topic.Subject);
            _ = RetryLaterAsync(topic, stopping);
        }
    }

    private async Task UnsubscribeAsync(Topic topic, TopicSubscription subscription)
    {
        try
        {
            await subscription.DisposeAsync();
            LogUnsubscribed(_logger, topic.Subject);
        }
        catch (Exception ex)
        {
            // The library has already forgotten the subscription, so a reconnect will not restore it; at
            // worst the server keeps routing to this connection until then, and nobody here listens.
            LogUnsubscribeFailed(_logger, ex, topic.Subject);
        }
    }

    private async Task RetryLaterAsync(Topic topic, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(SubscribeRetryDelay, _timeProvider, stopping);
            _interestChanges.Writer.TryWrite(topic);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PumpAsync(Topic topic, INatsSub<NatsMemoryOwner<byte>> sub)
    {
        try
        {
            // Ends when the subscription is unsubscribed: the library completes the channel.
            await foreach (var msg in sub.Msgs.ReadAllAsync())
            {
                using var payload = msg.Data;
                Receive(topic, msg.Headers, payload.Memory);
            }
        }
        catch (Exception ex)
        {
            LogPumpFailed(_logger, ex, topic.Subject);
        }
    }

    private void Receive(Topic topic, NatsHeaders? headers, ReadOnlyMemory<byte> payload)
    {
        var signature = headers is not null && headers.TryGetValue(EventSigner.HeaderName, out var values) ? values.ToString() : null;
        if (!_signer.Verify(topic.Subject, payload.Span, signature))
        {
            var forged = Interlocked.Increment(ref _forgedEvents);
            // Whoever can publish can flood: log the first and then one in a thousand, the count is in /health's data.
            if (forged == 1 || forged % 1000 == 0)
            {
                LogForged(_logger, topic.Subject, forged);
            }
            return;
        }

        using var activity = BusTracing.StartReceive(topic, headers);
        ChatEvent? chatEvent;
        try
        {
            chatEvent = ChatEventCodec.Instance.Deserialize(new ReadOnlySequence<byte>(payload));
        }
        catch (Exception ex)
        {
            LogUndecodable(_logger, ex, topic.Subject);
            return;
        }
        if (chatEvent is not null)
        {
            _listeners.Deliver(topic, chatEvent);
        }
    }

    private ValueTask OnDisconnectedAsync(object? sender, NatsEventArgs args)
    {
        LogDisconnected(_logger, args.Message);
        return ValueTask.CompletedTask;
    }

    private ValueTask OnOpenedAsync(object? sender, NatsEventArgs args)
    {
        _hasConnected = true;
        LogConnected(_logger, args.Message, _outbox.Count);
        _outbox.Wake();
        // Whatever was published while this instance was cut off never reaches it: let listeners catch up.
        _listeners.DeliverToAll(BusResumed.Instance);
        return ValueTask.CompletedTask;
    }

    private sealed class TopicSubscription(INatsSub<NatsMemoryOwner<byte>> sub, Task pump)
    {
        /// <summary>Unsubscribes (UNSUB to the server) and waits until buffered events were delivered.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                await sub.UnsubscribeAsync();
            }
            finally
            {
                await EndAsync();
            }
        }

        /// <summary>Ends local delivery only; for when the connection itself is closing.</summary>
        public async ValueTask EndAsync()
        {
            await sub.DisposeAsync();
            await pump;
        }
    }

    [LoggerMessage(EventId = 1200, EventName = "NatsOutboxOverflow", Level = LogLevel.Warning,
        Message = "The NATS outbox is full ({State}): dropped its oldest event, {EventType} on {Subject}; this instance's listeners had it, other instances repair from the store by seq")]
    private static partial void LogOutboxOverflow(ILogger logger, string eventType, string subject, NatsConnectionState state);

    [LoggerMessage(EventId = 1201, EventName = "NatsSubscribed", Level = LogLevel.Debug, Message = "Subscribed to {Subject}")]
    private static partial void LogSubscribed(ILogger logger, string subject);

    [LoggerMessage(EventId = 1202, EventName = "NatsUnsubscribed", Level = LogLevel.Debug, Message = "Unsubscribed from {Subject}")]
    private static partial void LogUnsubscribed(ILogger logger, string subject);

    [LoggerMessage(EventId = 1203, EventName = "NatsSubscribeFailed", Level = LogLevel.Warning, Message = "Subscribing to {Subject} failed; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(EventId = 1204, EventName = "NatsUndecodableEvent", Level = LogLevel.Warning, Message = "Dropped an undecodable event on {Subject}")]
    private static partial void LogUndecodable(ILogger logger, Exception exception, string subject);

    [LoggerMessage(EventId = 1205, EventName = "NatsPumpFailed", Level = LogLevel.Error, Message = "Delivery from {Subject} stopped unexpectedly")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(EventId = 1206, EventName = "NatsConnectFailed", Level = LogLevel.Error, Message = "Connecting to NATS failed")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1207, EventName = "NatsDisconnected", Level = LogLevel.Warning, Message = "NATS disconnected: {Reason}; reconnecting, events wait in the outbox")]
    private static partial void LogDisconnected(ILogger logger, string reason);

    [LoggerMessage(EventId = 1208, EventName = "NatsConnected", Level = LogLevel.Information, Message = "NATS connected: {Detail}; {Pending} events in the outbox go out now")]
    private static partial void LogConnected(ILogger logger, string detail, int pending);

    [LoggerMessage(EventId = 1209, EventName = "NatsUnsubscribeFailed", Level = LogLevel.Warning, Message = "Unsubscribing from {Subject} failed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string subject);

    [LoggerMessage(EventId = 1210, EventName = "NatsSendFailed", Level = LogLevel.Warning,
        Message = "Sending {EventType} on {Subject} to NATS failed; it stays first of {Pending} in the outbox and is retried")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string eventType, string subject, int pending);

    [LoggerMessage(EventId = 1211, EventName = "NatsForgedEvent", Level = LogLevel.Warning,
        Message = "Dropped an event on {Subject} without this deployment's signature ({Count} so far): someone who is not a ChatApi instance of this deployment publishes on the bus")]
    private static partial void LogForged(ILogger logger, string subject, long count);

    [LoggerMessage(EventId = 1212, EventName = "NatsStoppedWithPending", Level = LogLevel.Warning,
        Message = "Stopping with {Pending} events not sent to NATS; other instances repair them from the store by seq")]
    private static partial void LogStoppedWithPending(ILogger logger, int pending);
}
