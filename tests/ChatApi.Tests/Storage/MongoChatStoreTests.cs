using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// The store contract on MongoDB, plus what only a shared server has: writers on separate clients (separate ChatApi
/// instances). Where no server is available, <see cref="CreateStoreAsync"/> calls <c>Assert.Skip</c> from the
/// contract's <c>InitializeAsync</c>, which xunit v3 reports as a skip of each inherited test, with the reason.
/// </summary>
public sealed class MongoChatStoreTests(MongoTestServer server) : ChatStoreContract, IClassFixture<MongoTestServer>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override async Task<IChatStore> CreateStoreAsync() => await server.NewStoreAsync(Token);

    [Fact]
    public async Task Appends_through_two_instances_with_their_own_clients_keep_seq_gap_free_and_in_order()
    {
        const int PerInstance = 40;
        var (first, database) = await server.NewDatabaseAsync(Token);
        using var otherClient = server.NewClient();
        var second = MongoTestServer.StoreOn(otherClient, database);
        var (alice, _) = await first.ProvisionUserAsync("sub-alice", "alice", Token);
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var conversation = new Conversation { Id = "c1", Name = "chat", CreatedBy = alice.Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
        await first.CreateConversationAsync(conversation, [], Token);

        var results = await Task.WhenAll(new[] { first, second }.Select((store, instance) => Task.Run(async () =>
        {
            var seqs = new List<long>();
            for (var i = 0; i < PerInstance; i++)
            {
                var message = new NewMessage { Id = $"i{instance}-m{i}", ConversationId = "c1", AuthorId = alice.Id, Content = "x", CreatedAt = now.AddMilliseconds(i) };
                seqs.Add((await store.AppendMessageAsync(message, Token)).Message.Seq);
            }

            return seqs;
        }, Token)));

        Assert.Equal(Enumerable.Range(1, 2 * PerInstance).Select(i => (long)i), results.SelectMany(s => s).Order());
        Assert.All(results, seqs => Assert.Equal(seqs.Order(), seqs));
        Assert.Equal(2 * PerInstance, (await second.GetConversationAsync("c1", Token))!.LastSeq);
    }

    [Fact]
    public async Task Initializing_an_existing_database_again_keeps_its_data()
    {
        var store = await server.NewStoreAsync(Token);
        var (alice, _) = await store.ProvisionUserAsync("sub-alice", "alice", Token);

        await store.InitializeAsync(Token);

        Assert.Equal(alice, await store.GetUserAsync(alice.Id, Token));
    }
}
