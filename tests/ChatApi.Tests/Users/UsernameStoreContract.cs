using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Tests.Users;

/// <summary>
/// The username rules every store must apply identically (one subclass per store): uniqueness by
/// <see cref="ChatApi.Users.Usernames.Key"/>, and the provider's name outranking a chosen one.
/// </summary>
public abstract class UsernameStoreContract : IAsyncLifetime
{
    private DateTimeOffset clock = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected IChatStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IChatStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        (Store as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("ALICE")]
    [InlineData("\u0430lice")]
    [InlineData("alice")]
    [InlineData("a\u217Cice")] // Roman numeral fifty, after NFKC an l
    public async Task Renaming_to_a_lookalike_of_a_held_name_is_USERNAME_TAKEN(string lookalike)
    {
        await Store.ProvisionUserAsync("sub-alice", "alice", Ct);
        var (mallory, _) = await Store.ProvisionUserAsync("sub-mallory", "mallory", Ct);

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.RenameUserAsync(mallory.Id, ChatApi.Users.Usernames.Normalize(lookalike)!, Tick(), Ct));

        Assert.Equal(ErrorCodes.UsernameTaken, error.Code);
        Assert.Equal("mallory", (await Store.GetUserAsync(mallory.Id, Ct))!.Username);
    }

    [Fact]
    public async Task Provisioning_a_lookalike_of_a_provider_owned_name_derives_a_new_one()
    {
        var (alice, _) = await Store.ProvisionUserAsync("sub-alice", "alice", Ct);

        var (other, _) = await Store.ProvisionUserAsync("sub-other", "\u0430lice", Ct);

        Assert.Equal("alice", (await Store.GetUserAsync(alice.Id, Ct))!.Username);
        Assert.StartsWith("\u0430lice-", other.Username, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_someone_chose_goes_to_the_identity_whose_provider_asks_for_it()
    {
        var (squatter, _) = await Store.ProvisionUserAsync("sub-squatter", "squatter", Ct);
        await Store.RenameUserAsync(squatter.Id, "alice", Tick(), Ct);

        var (alice, created) = await Store.ProvisionUserAsync("sub-alice", "alice", Ct);

        Assert.True(created);
        Assert.Equal("alice", alice.Username);
        var moved = (await Store.GetUserAsync(squatter.Id, Ct))!;
        Assert.StartsWith("alice-", moved.Username, StringComparison.Ordinal);
        Assert.Equal([alice.Id], (await Store.FindUsersByUsernameAsync(["alice"], Ct)).Select(u => u.Id));
    }

    [Fact]
    public async Task A_name_the_holders_own_provider_asserted_is_never_taken_away()
    {
        var (alice, _) = await Store.ProvisionUserAsync("sub-alice", "alice", Ct);
        await Store.RenameUserAsync(alice.Id, "ally", Tick(), Ct);
        await Store.RenameUserAsync(alice.Id, "Alice", Tick(), Ct);

        var (second, _) = await Store.ProvisionUserAsync("sub-second-alice", "alice", Ct);

        Assert.Equal("Alice", (await Store.GetUserAsync(alice.Id, Ct))!.Username);
        Assert.StartsWith("alice-", second.Username, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Looking_names_up_finds_their_holder_by_key()
    {
        var (alice, _) = await Store.ProvisionUserAsync("sub-alice", "alice", Ct);

        var found = await Store.FindUsersByUsernameAsync(["ALICE", "ａｌｉｃｅ", "nobody"], Ct);

        Assert.Equal([alice.Id], found.Select(u => u.Id));
    }

    private DateTimeOffset Tick() => clock = clock.AddSeconds(1);
}
