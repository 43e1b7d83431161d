using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// PLACEHOLDER so the Mongo branch compiles: the real contract suite is written on the SQLite branch and replaces
/// this file. Only its shape is here: a fresh empty store per test, made in <see cref="InitializeAsync"/>.
/// </summary>
public abstract class ChatStoreContract : IAsyncLifetime
{
    protected IChatStore Store { get; private set; } = null!;

    /// <summary>A new store with nothing in it (and its schema ready).</summary>
    protected abstract Task<IChatStore> CreateStoreAsync();

    public virtual async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
