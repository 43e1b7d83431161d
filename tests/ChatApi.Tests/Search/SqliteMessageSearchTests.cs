using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Tests.Storage;

namespace Chatt.ChatApi.Tests.Search;

public sealed class SqliteMessageSearchTests(SqliteTempFolder folder) : MessageSearchContract, IClassFixture<SqliteTempFolder>
{
    protected override async Task<IChatStore> CreateStoreAsync() => await folder.NewStoreAsync(Ct);
}
