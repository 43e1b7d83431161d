using System.Collections.Concurrent;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The operations running on one socket, by id, and their limit (<see cref="GraphQLWebSocketOptions.MaxOperationsPerSocket"/>).
/// A slot is taken on arrival, before execution starts, so the limit and duplicate ids are judged in arrival order,
/// not by how fast earlier operations got going.
/// </summary>
public sealed class OperationRegistry(int maxOperations) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WebSocketOperation> _operations = new(StringComparer.Ordinal);

    public int Limit => maxOperations;

    public bool IsRunning(string id) => _operations.ContainsKey(id);

    /// <summary>Takes a slot for <paramref name="operation"/>; on refusal the operation is disposed.</summary>
    public async ValueTask<RegisterOutcome> TryRegisterAsync(WebSocketOperation operation)
    {
        if (!_operations.TryAdd(operation.Id, operation))
        {
            await operation.DisposeAsync();
            return RegisterOutcome.DuplicateId;
        }

        if (_operations.Count > maxOperations)
        {
            await RemoveAsync(operation);
            return RegisterOutcome.OverLimit;
        }

        return RegisterOutcome.Registered;
    }

    /// <summary>Stops an operation the client no longer wants; false when none runs under <paramref name="id"/>.</summary>
    public async ValueTask<bool> StopAsync(string id)
    {
        if (!_operations.TryRemove(id, out var operation))
        {
            return false;
        }

        await operation.DisposeAsync();
        return true;
    }

    /// <summary>Removes this very operation only (a legacy client may already have reused its id) and disposes it.</summary>
    public async Task RemoveAsync(WebSocketOperation operation)
    {
        _operations.TryRemove(new KeyValuePair<string, WebSocketOperation>(operation.Id, operation));
        await operation.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var operation in _operations.Values)
        {
            await operation.DisposeAsync();
        }

        _operations.Clear();
    }
}
