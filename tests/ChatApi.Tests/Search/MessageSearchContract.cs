using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Search;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Tests.Search;

/// <summary>
/// The <see cref="IMessageSearch"/> contract: every store inherits this class unchanged and only says how to make a
/// fresh, empty store that is also its search. Queries go through <see cref="SearchQueryParser"/>, as the API's do.
/// </summary>
public abstract class MessageSearchContract : IAsyncLifetime
{
    private DateTimeOffset clock = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private int nextId;

    protected IChatStore Store { get; private set; } = null!;

    protected IMessageSearch Search => (IMessageSearch)Store;

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
    [InlineData("deploy", "We finished the deployment today")]
    [InlineData("DEPLOY", "we finished the deployment today")]
    [InlineData("ployment", "We finished the deployment today")]
    [InlineData("cafe", "Meet at the Café at noon")]
    [InlineData("café", "meet at the cafe at noon")]
    [InlineData("하세요", "안녕하세요 여러분")]
    [InlineData("タワー", "東京タワーに行きました")]
    [InlineData("привет", "Всем ПРИВЕТ из Москвы")]
    [InlineData("go", "going home now")]
    public async Task A_word_finds_messages_containing_it_ignoring_case_and_accents(string query, string content)
    {
        var (conversation, alice) = await RoomAsync();
        var hit = await AppendAsync(conversation, alice, content);
        await AppendAsync(conversation, alice, "something else entirely");

        Assert.Equal([hit.Id], await FindAsync(query, conversation));
    }

    [Fact]
    public async Task A_short_word_matches_only_at_the_start_of_a_word()
    {
        var (conversation, alice) = await RoomAsync();
        var start = await AppendAsync(conversation, alice, "going home");
        await AppendAsync(conversation, alice, "ago it was");

        Assert.Equal([start.Id], await FindAsync("go", conversation));
    }

    [Fact]
    public async Task Every_word_must_match()
    {
        var (conversation, alice) = await RoomAsync();
        var both = await AppendAsync(conversation, alice, "release notes for the deploy");
        await AppendAsync(conversation, alice, "release party");
        await AppendAsync(conversation, alice, "deploy now");

        Assert.Equal([both.Id], await FindAsync("deploy release", conversation));
    }

    [Fact]
    public async Task A_quoted_phrase_needs_its_words_in_that_order()
    {
        var (conversation, alice) = await RoomAsync();
        var phrase = await AppendAsync(conversation, alice, "Please review the pull request, thanks");
        await AppendAsync(conversation, alice, "request a pull of the review");

        Assert.Equal([phrase.Id], await FindAsync("\"pull request\"", conversation));
    }

    [Fact]
    public async Task Deleted_messages_never_match()
    {
        var (conversation, alice) = await RoomAsync();
        var deleted = await AppendAsync(conversation, alice, "secret launch codes");
        var kept = await AppendAsync(conversation, alice, "launch party");

        await Store.DeleteMessageAsync(deleted.Id, alice.Id, Tick(), Ct);

        Assert.Equal([kept.Id], await FindAsync("launch", conversation));
        Assert.Empty(await FindAsync("secret", conversation));
    }

    [Fact]
    public async Task An_edit_is_found_by_its_new_text_and_no_longer_by_its_old_text()
    {
        var (conversation, alice) = await RoomAsync();
        var message = await AppendAsync(conversation, alice, "meeting on tuesday");

        await Store.EditMessageAsync(new MessageEdit { MessageId = message.Id, Content = "meeting on thursday", At = Tick() }, Ct);

        Assert.Empty(await FindAsync("tuesday", conversation));
        Assert.Equal([message.Id], await FindAsync("thursday", conversation));
        Assert.Equal([message.Id], await FindAsync("meeting", conversation));
    }

    [Fact]
    public async Task Only_the_given_conversations_and_authors_are_searched()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var first = await ConversationAsync(alice, bob);
        var second = await ConversationAsync(alice);
        var byAlice = await AppendAsync(first, alice, "budget review");
        var byBob = await AppendAsync(first, bob, "budget numbers");
        await AppendAsync(second, alice, "budget elsewhere");

        var inFirst = await FindAsync("budget", first);
        var byBobOnly = await Search.SearchMessagesAsync(Request("budget", [first.Id, second.Id], [bob.Id]), new PageRequest(10), Ct);
        var nowhere = await Search.SearchMessagesAsync(Request("budget", []), new PageRequest(10), Ct);

        Assert.Equal([byBob.Id, byAlice.Id], inFirst);
        Assert.Equal([byBob.Id], byBobOnly.Items.Select(m => m.Id));
        Assert.Empty(nowhere.Items);
    }

    [Fact]
    public async Task Results_come_newest_first_and_page_without_gaps_or_repeats()
    {
        var (conversation, alice) = await RoomAsync();
        var posted = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            posted.Add((await AppendAsync(conversation, alice, $"status report {i}")).Id);
            await AppendAsync(conversation, alice, "noise");
        }

        var seen = new List<string>();
        string? key = null;
        do
        {
            var page = await Search.SearchMessagesAsync(Request("report", [conversation.Id]), new PageRequest(3, AfterKey: key), Ct);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(m => m.Id));
            key = page.NextKey;
        }
        while (key is not null);

        Assert.Equal(posted.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task The_message_filter_applies_before_the_limit()
    {
        var (conversation, alice) = await RoomAsync();
        var older = await AppendAsync(conversation, alice, "invoice one");
        await AppendAsync(conversation, alice, "invoice two");

        var page = await Search.SearchMessagesAsync(Request("invoice", [conversation.Id]),
            new PageRequest(1, Filter: new ConditionFilter(FilterField.Id, FilterOp.Eq, [older.Id])), Ct);

        Assert.Equal([older.Id], page.Items.Select(m => m.Id));
    }

    [Theory]
    [InlineData("\"a\" OR \"b\"", true)]
    [InlineData("NEAR(deploy ops)", false)]
    [InlineData("content:deploy", false)]
    [InlineData("deploy*", true)]
    [InlineData("(de.*)", true)]
    [InlineData("^deploy$", true)]
    [InlineData("{\"$where\": \"1\"}", false)]
    public async Task Query_syntax_of_the_engines_is_matched_as_plain_text(string query, bool found)
    {
        var (conversation, alice) = await RoomAsync();
        var message = await AppendAsync(conversation, alice, "deploy ops a or b");

        Assert.Equal(found ? [message.Id] : [], await FindAsync(query, conversation));
    }

    [Fact]
    public async Task A_malformed_page_key_is_BAD_USER_INPUT()
    {
        var (conversation, _) = await RoomAsync();

        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Search.SearchMessagesAsync(Request("deploy", [conversation.Id]), new PageRequest(10, AfterKey: "not-a-key"), Ct));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    // Helpers

    private static MessageSearchRequest Request(string query, IReadOnlyCollection<string> conversations, IReadOnlyCollection<string>? authors = null) =>
        new() { Terms = SearchQueryParser.Parse(query).Terms, ConversationIds = conversations, AuthorIds = authors };

    private async Task<IReadOnlyList<string>> FindAsync(string query, Conversation conversation) =>
        (await Search.SearchMessagesAsync(Request(query, [conversation.Id]), new PageRequest(50), Ct)).Items.Select(m => m.Id).ToArray();

    private DateTimeOffset Tick() => clock = clock.AddSeconds(1);

    private string NewId() => "sid-" + Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<User> UserAsync(string username) => (await Store.ProvisionUserAsync("sub-" + username, username, Ct)).User;

    private async Task<(Conversation, User)> RoomAsync()
    {
        var alice = await UserAsync("alice");
        return (await ConversationAsync(alice), alice);
    }

    private async Task<Conversation> ConversationAsync(params User[] members)
    {
        var now = Tick();
        var conversation = new Conversation { Id = NewId(), Name = "chat", CreatedBy = members[0].Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
        var links = members.Select(m => new ConvoLink
        {
            Id = NewId(), UserId = m.Id, ConversationId = conversation.Id, CreatedAt = now, UpdatedAt = now,
            Role = m == members[0] ? ConvoRole.Owner : ConvoRole.Member,
        }).ToList();
        return (await Store.CreateConversationAsync(conversation, links, Ct)).Conversation;
    }

    private async Task<Message> AppendAsync(Conversation conversation, User author, string content) =>
        (await Store.AppendMessageAsync(new NewMessage
        {
            Id = NewId(), ConversationId = conversation.Id, AuthorId = author.Id, Content = content, CreatedAt = Tick(),
        }, Ct)).Message;
}
