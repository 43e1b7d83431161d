namespace Chatt.ChatApi.GraphQL;

/// <summary>
/// A subscription source stream that is wired up (asynchronously) before the executor subscribes to it: values
/// pushed before then are buffered, later ones go straight to the observer, one at a time. Disposing the
/// subscription releases everything attached with <see cref="Own"/>.
/// </summary>
public sealed class PushStream : IObservable<object?>, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _owned = [];
    private List<object>? _buffered = [];
    private IObserver<object?>? _observer;
    private bool _disposed;

    public void Push(object value)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_observer is null)
            {
                _buffered!.Add(value);
            }
            else
            {
                _observer.OnNext(value);
            }
        }
    }

    /// <summary>Ties a resource's lifetime to this stream's subscription.</summary>
    public void Own(IDisposable resource)
    {
        bool disposeNow;
        lock (_gate)
        {
            disposeNow = _disposed;
            if (!disposeNow)
            {
                _owned.Add(resource);
            }
        }

        if (disposeNow)
        {
            resource.Dispose();
        }
    }

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        lock (_gate)
        {
            _observer = observer;
            foreach (var value in _buffered!)
            {
                observer.OnNext(value);
            }

            _buffered = null;
        }

        return this;
    }

    public void Dispose()
    {
        IDisposable[] owned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            owned = [.. _owned];
            _owned.Clear();
        }

        foreach (var resource in owned)
        {
            resource.Dispose();
        }
    }
}
