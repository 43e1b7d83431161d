using GraphQL.DataLoader;

namespace Chatt.ChatApi.GraphQL;

/// <summary>
/// Batches lookups by id within one operation: every <see cref="Load"/> made while the executor walks one level
/// of the result is answered by a single store call when the first result is awaited (the executor defers
/// <see cref="IDataLoaderResult"/>s until the level is collected), so <c>messages { author { username } }</c> over
/// 100 messages is one user query, not 100. Results stay cached as long as the loader lives, which is its
/// <see cref="ChatUserContext"/>'s life: one HTTP request, but on a WebSocket the whole subscription (the runner makes
/// one context per subscribe), so every event of a long-running subscription sees a record as it was first loaded
/// unless the delivery gives each event a context of its own.
/// </summary>
public sealed class BatchLoader<T>(
    Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyList<T>>> fetch,
    Func<T, string> keyOf)
    where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<T?>> _results = new(StringComparer.Ordinal);
    private List<string> _pending = [];

    public IDataLoaderResult<T?> Load(string key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var result))
            {
                result = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _results.Add(key, result);
                _pending.Add(key);
            }

            return new Pending(this, result.Task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        List<string> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        try
        {
            var found = (await fetch(batch, cancellationToken)).ToDictionary(keyOf, StringComparer.Ordinal);
            lock (_gate)
            {
                foreach (var key in batch)
                {
                    _results[key].TrySetResult(found.GetValueOrDefault(key));
                    _results.Remove(key);
                }
            }
        }
        catch (Exception exception)
        {
            lock (_gate)
            {
                foreach (var key in batch)
                {
                    _results[key].TrySetException(exception);
                    _results.Remove(key);
                }
            }
        }
    }

    private sealed class Pending(BatchLoader<T> loader, Task<T?> result) : IDataLoaderResult<T?>
    {
        public async Task<T?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!result.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            return await result;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}
