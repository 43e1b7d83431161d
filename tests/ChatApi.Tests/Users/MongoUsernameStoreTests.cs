using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Tests.Storage;

namespace Chatt.ChatApi.Tests.Users;

/// <summary>The same username rules on MongoDB; skipped with the reason where no server is available.</summary>
public sealed class MongoUsernameStoreTests(MongoTestServer server) : UsernameStoreContract, IClassFixture<MongoTestServer>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await server.NewStoreAsync(Ct);
}
