namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Creates the Mongo store's indexes and checks the deployment before the API takes requests: a missing unique index
/// would let an invariant break silently, and a standalone server would fail only at the first append.
/// </summary>
internal sealed class MongoStoreInitializer(MongoChatStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
