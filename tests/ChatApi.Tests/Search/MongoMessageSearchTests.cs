using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Tests.Search;

/// <summary>The same search contract on MongoDB; skipped with the reason where no server is available.</summary>
public sealed class MongoMessageSearchTests(MongoTestServer server) : MessageSearchContract, IClassFixture<MongoTestServer>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await server.NewStoreAsync(Ct);
}
