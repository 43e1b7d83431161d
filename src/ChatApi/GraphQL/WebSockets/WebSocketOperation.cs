namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// One running operation on a socket: its cancellation, its DI scope (scoped services are never shared between
/// operations) and, for a subscription, its running handle from the hub. Finishing is idempotent and may race the
/// execution that is still setting the operation up: a subscription attached after <see cref="Finish"/> is disposed at once.
/// </summary>
public sealed class WebSocketOperation(string id, IServiceScopeFactory scopes, CancellationToken connectionClosing) : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = CancellationTokenSource.CreateLinkedTokenSource(connectionClosing);
    private readonly AsyncServiceScope _scope = scopes.CreateAsyncScope();
    private readonly Lock _gate = new();
    private IDisposable? _subscription;
    private int _finished;
    private int _disposed;

    public string Id { get; } = id;

    public CancellationToken Cancellation => _cancellation.Token;

    public IServiceProvider Services => _scope.ServiceProvider;

    public bool IsFinished => Volatile.Read(ref _finished) == 1;

    /// <summary>Attaches the running subscription; disposes it at once if the operation already finished.</summary>
    public void Attach(IDisposable subscription)
    {
        lock (_gate)
        {
            if (!IsFinished)
            {
                _subscription = subscription;
                return;
            }
        }

        subscription.Dispose();
    }

    /// <summary>Marks the operation finished; true only for the first caller, who then owns sending its last frame.</summary>
    public bool Finish() => Interlocked.Exchange(ref _finished, 1) == 0;

    /// <summary>Set by the session when a stream was subscribed, so disposal can account for it once.</summary>
    public Action? OnDisposed { get; set; }

    /// <summary>Idempotent: the client's complete, the stream's end and the socket's end may all dispose the operation.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Finish();
        IDisposable? subscription;
        lock (_gate)
        {
            subscription = _subscription;
            _subscription = null;
        }

        subscription?.Dispose();

        await _cancellation.CancelAsync();
        _cancellation.Dispose();
        await _scope.DisposeAsync();
        OnDisposed?.Invoke();
    }
}
