using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>
/// The <see cref="IChatStore"/> contract. Every store implementation inherits this class unchanged and only says
/// how to make a fresh, empty store; everything here goes through the port.
/// </summary>
public abstract class ChatStoreContract : IAsyncLifetime
{
    private DateTimeOffset clock = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private int nextId;

    protected IChatStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new store with nothing in it (and its schema ready).</summary>
    protected abstract Task<IChatStore> CreateStoreAsync();

    public virtual async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        switch (Store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    // Users

    [Fact]
    public async Task Provisioning_the_same_subject_twice_returns_the_same_user()
    {
        var (first, firstCreated) = await Store.ProvisionUserAsync("sub-alice", "alice", Ct);
        var (second, secondCreated) = await Store.ProvisionUserAsync("sub-alice", "another-name", Ct);

        Assert.True(firstCreated);
        Assert.False(secondCreated);
        Assert.Equal(first, second);
        Assert.Equal("alice", second.Username);
        Assert.Equal(first, await Store.GetUserAsync(first.Id, Ct));
    }

    [Fact]
    public async Task Provisioning_one_subject_from_many_requests_at_once_creates_one_user()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.ProvisionUserAsync("sub-racer", "racer", Ct), Ct)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.User.Id).Distinct());
    }

    [Fact]
    public async Task Provisioning_with_a_username_taken_ignoring_case_derives_a_unique_one()
    {
        var alice = await UserAsync("alice");

        var (other, created) = await Store.ProvisionUserAsync("sub-other", "ALICE", Ct);

        Assert.True(created);
        Assert.NotEqual(alice.Id, other.Id);
        Assert.False(string.Equals(alice.Username, other.Username, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("ALICE", other.Username, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provisioning_with_a_blank_username_derives_distinct_usable_names()
    {
        var (first, _) = await Store.ProvisionUserAsync("sub-1", "  ", Ct);
        var (second, _) = await Store.ProvisionUserAsync("sub-2", "", Ct);

        Assert.False(string.IsNullOrWhiteSpace(first.Username));
        Assert.False(string.IsNullOrWhiteSpace(second.Username));
        Assert.False(string.Equals(first.Username, second.Username, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Renaming_to_a_name_another_user_holds_in_any_case_is_refused_with_USERNAME_TAKEN()
    {
        await UserAsync("alice");
        var bob = await UserAsync("bob");

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.RenameUserAsync(bob.Id, "Alice", Tick(), Ct));

        Assert.Equal(ErrorCodes.UsernameTaken, error.Code);
        Assert.Equal("bob", (await Store.GetUserAsync(bob.Id, Ct))!.Username);
    }

    [Fact]
    public async Task Renaming_to_a_free_name_stores_it_and_lookups_by_username_ignore_case()
    {
        var bob = await UserAsync("bob");
        var now = Tick();

        var renamed = await Store.RenameUserAsync(bob.Id, "Robert", now, Ct);
        var sameNameOtherCase = await Store.RenameUserAsync(bob.Id, "robert", now, Ct);

        Assert.Equal("Robert", renamed.Username);
        Assert.Equal(now, renamed.UpdatedAt);
        Assert.Equal("robert", sameNameOtherCase.Username);
        var found = await Store.FindUsersByUsernameAsync(["ROBERT", "nobody"], Ct);
        Assert.Equal(bob.Id, Assert.Single(found).Id);
    }

    [Fact]
    public async Task Users_are_fetched_by_a_set_of_ids()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await UserAsync("carol");

        var users = await Store.GetUsersAsync([alice.Id, bob.Id, "missing"], Ct);

        Assert.Equal(new[] { alice.Id, bob.Id }.Order(StringComparer.Ordinal), users.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.GetUsersAsync([], Ct));
    }

    [Fact]
    public async Task Listing_users_pages_through_all_of_them_in_creation_order_in_both_directions()
    {
        var users = new List<User>();
        for (var i = 0; i < 7; i++)
        {
            users.Add(await UserAsync($"user{i}"));
        }

        var expected = users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id, StringComparer.Ordinal).Select(u => u.Id).ToList();
        var ascending = await ReadAllAsync(key => Store.ListUsersAsync(new PageRequest(3, SortDirection.Asc, key), null, Ct));
        var descending = await ReadAllAsync(key => Store.ListUsersAsync(new PageRequest(3, SortDirection.Desc, key), null, Ct));

        Assert.Equal(expected, ascending.Select(u => u.Id));
        Assert.Equal(expected.AsEnumerable().Reverse(), descending.Select(u => u.Id));
    }

    [Fact]
    public async Task Listing_users_by_a_username_prefix_ignores_case_and_treats_wildcards_literally()
    {
        var anna = await UserAsync("Anna");
        var andy = await UserAsync("andy");
        await UserAsync("bob");
        var percent = await UserAsync("a%b");

        var an = await Store.ListUsersAsync(new PageRequest(10), "AN", Ct);
        var literal = await Store.ListUsersAsync(new PageRequest(10), "a%", Ct);

        Assert.Equal(new[] { anna.Id, andy.Id }.Order(StringComparer.Ordinal), an.Items.Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Equal(percent.Id, Assert.Single(literal.Items).Id);
    }

    // Conversations and links

    [Fact]
    public async Task Creating_a_conversation_stores_it_with_every_link()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");

        var conversation = await ConversationAsync(alice, bob);

        Assert.Equal(conversation, await Store.GetConversationAsync(conversation.Id, Ct));
        Assert.NotNull(await Store.GetLinkAsync(conversation.Id, alice.Id, Ct));
        Assert.NotNull(await Store.GetLinkAsync(conversation.Id, bob.Id, Ct));
        Assert.Equal([conversation.Id], await Store.GetConversationIdsOfUserAsync(bob.Id, Ct));
        Assert.Equal([conversation.Id], (await Store.GetConversationsAsync([conversation.Id, "missing"], Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_conversation_whose_links_cannot_be_written_is_not_created_at_all()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = NewConversation(alice);
        var duplicateId = NewId();
        ConvoLink[] links = [NewLink(conversation, alice) with { Id = duplicateId }, NewLink(conversation, bob) with { Id = duplicateId }];

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.CreateConversationAsync(conversation, links, Ct));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Null(await Store.GetConversationAsync(conversation.Id, Ct));
        Assert.Null(await Store.GetLinkAsync(conversation.Id, alice.Id, Ct));
        Assert.Empty(await Store.GetConversationIdsOfUserAsync(alice.Id, Ct));
    }

    [Fact]
    public async Task Adding_a_link_for_an_already_linked_user_returns_the_existing_link()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice);

        var (first, _, firstCreated) = await Store.AddLinkAsync(NewLink(conversation, bob), Ct);
        var (second, _, secondCreated) = await Store.AddLinkAsync(NewLink(conversation, bob), Ct);

        Assert.True(firstCreated);
        Assert.False(secondCreated);
        Assert.Equal(first, second);
        Assert.Equal(first, await Store.GetLinkAsync(conversation.Id, bob.Id, Ct));
        Assert.Equal(2, (await Store.ListLinksByConversationAsync(conversation.Id, new PageRequest(10), Ct)).Items.Count);
    }

    [Fact]
    public async Task Links_by_user_page_through_all_of_them_in_both_directions()
    {
        var alice = await UserAsync("alice");
        var conversations = new List<Conversation>();
        for (var i = 0; i < 5; i++)
        {
            conversations.Add(await ConversationAsync(alice));
        }

        var ascending = await ReadAllAsync(key => Store.ListLinksByUserAsync(alice.Id, new PageRequest(2, SortDirection.Asc, key), Ct));
        var descending = await ReadAllAsync(key => Store.ListLinksByUserAsync(alice.Id, new PageRequest(2, SortDirection.Desc, key), Ct));

        var expected = conversations.Select(c => c.Id).ToList();
        Assert.Equal(expected, ascending.Select(l => l.ConversationId));
        Assert.Equal(expected.AsEnumerable().Reverse(), descending.Select(l => l.ConversationId));
        Assert.All(ascending, l => Assert.Equal(alice.Id, l.UserId));
    }

    [Fact]
    public async Task Links_by_conversation_page_through_its_members_only()
    {
        var users = new List<User>();
        for (var i = 0; i < 5; i++)
        {
            users.Add(await UserAsync($"member{i}"));
        }

        var conversation = await ConversationAsync(users[0]);
        await ConversationAsync(users[1]);
        foreach (var user in users.Skip(1))
        {
            await Store.AddLinkAsync(NewLink(conversation, user), Ct);
        }

        var links = await ReadAllAsync(key => Store.ListLinksByConversationAsync(conversation.Id, new PageRequest(2, SortDirection.Asc, key), Ct));

        Assert.Equal(users.Select(u => u.Id), links.Select(l => l.UserId));
        Assert.All(links, l => Assert.Equal(conversation.Id, l.ConversationId));
    }

    [Fact]
    public async Task Conversations_by_activity_come_most_recent_first_and_a_new_message_moves_one_to_the_top()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var oldest = await ConversationAsync(alice);
        var middle = await ConversationAsync(alice);
        var newest = await ConversationAsync(alice);
        await ConversationAsync(bob);

        var before = await ReadAllAsync(key => Store.ListConversationsByActivityAsync(alice.Id, new PageRequest(2, SortDirection.Asc, key), Ct));
        await AppendAsync(oldest, alice, "wake up");
        var after = await ReadAllAsync(key => Store.ListConversationsByActivityAsync(alice.Id, new PageRequest(2, SortDirection.Asc, key), Ct));

        Assert.Equal([newest.Id, middle.Id, oldest.Id], before.Select(c => c.Id));
        Assert.Equal([oldest.Id, newest.Id, middle.Id], after.Select(c => c.Id));
    }

    // Messages

    [Fact]
    public async Task Appends_assign_seq_1_2_3_in_order()
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);

        var first = await AppendAsync(conversation, alice, "one");
        var second = await AppendAsync(conversation, alice, "two");
        var third = await AppendAsync(conversation, alice, "three");

        Assert.Equal([1L, 2L, 3L], new[] { first.Seq, second.Seq, third.Seq });
        Assert.Equal(first, await Store.GetMessageAsync(first.Id, Ct));
    }

    [Fact]
    public async Task Seq_counts_separately_in_each_conversation()
    {
        var alice = await UserAsync("alice");
        var one = await ConversationAsync(alice);
        var two = await ConversationAsync(alice);

        await AppendAsync(one, alice, "a");
        await AppendAsync(one, alice, "b");
        var inTwo = await AppendAsync(two, alice, "c");

        Assert.Equal(1, inTwo.Seq);
    }

    [Fact]
    public async Task Appending_an_existing_id_returns_the_stored_message_writes_nothing_and_consumes_no_seq()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var original = await AppendAsync(conversation, alice, "hello", id: "client-id-1");

        var retry = await Store.AppendMessageAsync(NewMessage(conversation, bob, "different", "client-id-1"), Ct);
        var next = await AppendAsync(conversation, alice, "next");

        Assert.False(retry.Created);
        Assert.Equal(original, retry.Message);
        Assert.Equal(2, next.Seq);
        var all = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(10), Ct);
        Assert.Equal(["hello", "next"], all.Items.Select(m => m.Content));
    }

    [Fact]
    public async Task An_append_moves_the_conversations_LastSeq_and_LastActivityAt()
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);

        await AppendAsync(conversation, alice, "one");
        var second = await AppendAsync(conversation, alice, "two");

        var stored = (await Store.GetConversationAsync(conversation.Id, Ct))!;
        Assert.Equal(2, stored.LastSeq);
        Assert.Equal(second.CreatedAt, stored.LastActivityAt);
        Assert.True(stored.LastActivityAt > conversation.LastActivityAt);
    }

    [Fact]
    public async Task Appending_to_a_missing_conversation_is_NOT_FOUND()
    {
        var alice = await UserAsync("alice");
        var missing = NewConversation(alice);

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.AppendMessageAsync(NewMessage(missing, alice, "x"), Ct));

        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task Listing_messages_after_a_seq_returns_only_the_later_ones()
    {
        var (conversation, _) = await ConversationWithMessagesAsync(6);

        var page = await Store.ListMessagesAsync(conversation.Id, afterSeq: 4, new PageRequest(10), Ct);

        Assert.Equal([5L, 6L], page.Items.Select(m => m.Seq));
        Assert.Null(page.NextKey);
    }

    [Fact]
    public async Task Listing_messages_pages_through_all_in_both_directions_without_gaps_or_duplicates()
    {
        var (conversation, _) = await ConversationWithMessagesAsync(10);

        var ascending = await ReadAllAsync(key => Store.ListMessagesAsync(conversation.Id, null, new PageRequest(3, SortDirection.Asc, key), Ct));
        var descending = await ReadAllAsync(key => Store.ListMessagesAsync(conversation.Id, null, new PageRequest(3, SortDirection.Desc, key), Ct));
        var descendingAfter = await ReadAllAsync(key => Store.ListMessagesAsync(conversation.Id, 6, new PageRequest(3, SortDirection.Desc, key), Ct));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), ascending.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 10).Reverse().Select(i => (long)i), descending.Select(m => m.Seq));
        Assert.Equal([10L, 9L, 8L, 7L], descendingAfter.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_full_last_page_has_no_next_key()
    {
        var (conversation, _) = await ConversationWithMessagesAsync(4);

        var first = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(2), Ct);
        var last = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(2, AfterKey: first.NextKey), Ct);

        Assert.NotNull(first.NextKey);
        Assert.Equal([3L, 4L], last.Items.Select(m => m.Seq));
        Assert.Null(last.NextKey);
    }

    [Fact]
    public async Task Messages_by_author_page_through_that_authors_messages_across_conversations()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var one = await ConversationAsync(alice, bob);
        var two = await ConversationAsync(alice, bob);
        var mine = new List<Message>();
        for (var i = 0; i < 5; i++)
        {
            mine.Add(await AppendAsync(i % 2 == 0 ? one : two, alice, $"mine {i}"));
            await AppendAsync(one, bob, $"theirs {i}");
        }

        var ascending = await ReadAllAsync(key => Store.ListMessagesByAuthorAsync(alice.Id, new PageRequest(2, SortDirection.Asc, key), Ct));
        var descending = await ReadAllAsync(key => Store.ListMessagesByAuthorAsync(alice.Id, new PageRequest(2, SortDirection.Desc, key), Ct));

        Assert.Equal(mine.Select(m => m.Id), ascending.Select(m => m.Id));
        Assert.Equal(mine.Select(m => m.Id).Reverse(), descending.Select(m => m.Id));
    }

    // Filters (contents sort as binary text: "Apricot" < "apple" < "banana" < "cherry" < "date")

    public static TheoryData<FilterOp, string[], string[]> EachOperator => new()
    {
        { FilterOp.Eq, ["banana"], ["banana"] },
        { FilterOp.Ne, ["banana"], ["apple", "Apricot", "cherry", "date"] },
        { FilterOp.Lt, ["banana"], ["apple", "Apricot"] },
        { FilterOp.Le, ["banana"], ["apple", "Apricot", "banana"] },
        { FilterOp.Gt, ["banana"], ["cherry", "date"] },
        { FilterOp.Ge, ["banana"], ["banana", "cherry", "date"] },
        { FilterOp.Between, ["apple", "cherry"], ["apple", "banana", "cherry"] },
        { FilterOp.BeginsWith, ["ap"], ["apple"] },
        { FilterOp.Contains, ["A"], ["Apricot"] },
        { FilterOp.Contains, ["an"], ["banana"] },
        { FilterOp.NotContains, ["a"], ["Apricot", "cherry"] },
    };

    [Theory]
    [MemberData(nameof(EachOperator))]
    public async Task Each_filter_operator_narrows_messages_case_sensitively(FilterOp op, string[] values, string[] expected)
    {
        var (conversation, _) = await ConversationWithMessagesAsync("apple", "Apricot", "banana", "cherry", "date");

        var page = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(10, Filter: new ConditionFilter(FilterField.Content, op, values)), Ct);

        Assert.Equal(expected, page.Items.Select(m => m.Content));
    }

    [Fact]
    public async Task Filters_combine_with_and_or_and_not()
    {
        var (conversation, _) = await ConversationWithMessagesAsync("apple", "Apricot", "banana", "cherry", "date");
        var and = new AndFilter([Content(FilterOp.Ge, "b"), new NotFilter(Content(FilterOp.Eq, "cherry"))]);
        var or = new OrFilter([Content(FilterOp.Eq, "apple"), Content(FilterOp.Eq, "date")]);
        var nested = new NotFilter(new OrFilter([Content(FilterOp.BeginsWith, "a"), new AndFilter([Content(FilterOp.Gt, "c"), Content(FilterOp.Lt, "d")])]));

        Assert.Equal(["banana", "date"], await ContentsAsync(conversation, and));
        Assert.Equal(["apple", "date"], await ContentsAsync(conversation, or));
        Assert.Equal(["Apricot", "banana", "date"], await ContentsAsync(conversation, nested));
    }

    [Fact]
    public async Task Filters_on_ids_authors_and_times_narrow_messages()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var first = await AppendAsync(conversation, alice, "one");
        var second = await AppendAsync(conversation, bob, "two");
        var third = await AppendAsync(conversation, alice, "three");

        Assert.Equal(["one", "three"], await ContentsAsync(conversation, new ConditionFilter(FilterField.AuthorId, FilterOp.Eq, [alice.Id])));
        Assert.Equal(["two"], await ContentsAsync(conversation, new ConditionFilter(FilterField.Id, FilterOp.Eq, [second.Id])));
        Assert.Equal(["two", "three"], await ContentsAsync(conversation,
            new ConditionFilter(FilterField.CreatedAt, FilterOp.Gt, [Timestamps.ToText(first.CreatedAt)])));
        Assert.Equal(["one", "two", "three"], await ContentsAsync(conversation,
            new ConditionFilter(FilterField.MessageConversationId, FilterOp.Eq, [conversation.Id])));
        Assert.Equal(["three"], await ContentsAsync(conversation,
            new ConditionFilter(FilterField.UpdatedAt, FilterOp.Ge, [Timestamps.ToText(third.UpdatedAt)])));
    }

    [Fact]
    public async Task A_filter_is_applied_before_the_limit()
    {
        var (conversation, _) = await ConversationWithMessagesAsync("skip 1", "skip 2", "keep 1", "skip 3", "keep 2", "keep 3");
        var keep = Content(FilterOp.BeginsWith, "keep");

        var first = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(2, Filter: keep), Ct);
        var second = await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(2, AfterKey: first.NextKey, Filter: keep), Ct);

        Assert.Equal(["keep 1", "keep 2"], first.Items.Select(m => m.Content));
        Assert.Equal(["keep 3"], second.Items.Select(m => m.Content));
        Assert.Null(second.NextKey);
    }

    [Fact]
    public async Task Links_filter_by_their_own_fields_and_refuse_a_message_field_with_BAD_USER_INPUT()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);

        var bobs = await Store.ListLinksByConversationAsync(conversation.Id,
            new PageRequest(10, Filter: new ConditionFilter(FilterField.ConvoLinkUserId, FilterOp.Eq, [bob.Id])), Ct);
        var error = await Assert.ThrowsAsync<ChatException>(() => Store.ListLinksByConversationAsync(conversation.Id,
            new PageRequest(10, Filter: new ConditionFilter(FilterField.Content, FilterOp.Eq, ["x"])), Ct));

        Assert.Equal(bob.Id, Assert.Single(bobs.Items).UserId);
        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Fact]
    public async Task A_between_filter_without_two_values_is_BAD_USER_INPUT()
    {
        var (conversation, _) = await ConversationWithMessagesAsync("a");

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.ListMessagesAsync(conversation.Id, null,
            new PageRequest(10, Filter: Content(FilterOp.Between, "a")), Ct));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Theory]
    [InlineData("not-a-seq")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task A_malformed_message_page_key_is_BAD_USER_INPUT(string key)
    {
        var (conversation, _) = await ConversationWithMessagesAsync("a");

        var error = await Assert.ThrowsAsync<ChatException>(() => Store.ListMessagesAsync(conversation.Id, null, new PageRequest(10, AfterKey: key), Ct));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("2026-01-01T00:00:00.000Z|bad id!")]
    [InlineData("yesterday|abc")]
    public async Task A_malformed_page_key_on_any_other_list_is_BAD_USER_INPUT(string key)
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);
        var page = new PageRequest(10, AfterKey: key);

        foreach (var list in new Func<Task>[]
        {
            () => Store.ListUsersAsync(page, null, Ct),
            () => Store.ListLinksByUserAsync(alice.Id, page, Ct),
            () => Store.ListLinksByConversationAsync(conversation.Id, page, Ct),
            () => Store.ListConversationsByActivityAsync(alice.Id, page, Ct),
            () => Store.ListMessagesByAuthorAsync(alice.Id, page, Ct),
        })
        {
            var error = await Assert.ThrowsAsync<ChatException>(list);
            Assert.Equal(ErrorCodes.BadUserInput, error.Code);
        }
    }

    // Read state

    [Fact]
    public async Task Marking_read_moves_the_mark_forward_but_never_back()
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);

        var initial = await Store.GetReadSeqAsync(conversation.Id, alice.Id, Ct);
        var forward = await Store.MarkReadAsync(conversation.Id, alice.Id, 5, Ct);
        var back = await Store.MarkReadAsync(conversation.Id, alice.Id, 3, Ct);

        Assert.Equal(0, initial);
        Assert.Equal(5, forward);
        Assert.Equal(5, back);
        Assert.Equal(5, await Store.GetReadSeqAsync(conversation.Id, alice.Id, Ct));
    }

    [Fact]
    public async Task Unread_counts_messages_after_the_mark_written_by_others()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        await AppendAsync(conversation, bob, "1");
        await AppendAsync(conversation, alice, "2");
        await AppendAsync(conversation, bob, "3");
        await AppendAsync(conversation, bob, "4");

        var beforeReading = await Store.CountUnreadAsync(conversation.Id, alice.Id, Ct);
        await Store.MarkReadAsync(conversation.Id, alice.Id, 3, Ct);
        var afterReading = await Store.CountUnreadAsync(conversation.Id, alice.Id, Ct);

        Assert.Equal(3, beforeReading);
        Assert.Equal(1, afterReading);
        Assert.Equal(1, await Store.CountUnreadAsync(conversation.Id, bob.Id, Ct));
    }

    // Concurrency

    [Fact]
    public async Task Concurrent_appends_keep_seq_gap_free()
    {
        const int Writers = 8, PerWriter = 25;
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var seqs = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                var result = await Store.AppendMessageAsync(NewMessage(conversation, alice, $"w{w} m{i}", $"w{w}-m{i}"), Ct);
                seqs.Add(result.Message.Seq);
            }

            return seqs;
        }, Ct)));

        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i), results.SelectMany(s => s).Order());
        Assert.All(results, seqs => Assert.Equal(seqs.Order(), seqs));
        Assert.Equal(Writers * PerWriter, (await Store.GetConversationAsync(conversation.Id, Ct))!.LastSeq);
    }

    // The change stream: rev

    [Fact]
    public async Task Creation_is_rev_1_for_the_conversation_and_each_initial_link_with_the_roles_given()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");

        var conversation = await ConversationAsync(alice, bob);

        var stored = (await Store.GetConversationAsync(conversation.Id, Ct))!;
        Assert.Equal((1L, 1L, false), (stored.LastRev, stored.Rev, stored.Direct));
        var aliceLink = (await Store.GetLinkAsync(conversation.Id, alice.Id, Ct))!;
        var bobLink = (await Store.GetLinkAsync(conversation.Id, bob.Id, Ct))!;
        Assert.Equal((ConvoRole.Owner, 1L), (aliceLink.Role, aliceLink.Rev));
        Assert.Equal((ConvoRole.Member, 1L), (bobLink.Role, bobLink.Rev));
        Assert.Null(bobLink.RemovedAt);
    }

    [Fact]
    public async Task Every_kind_of_change_takes_the_next_rev_and_stamps_the_record_it_changed()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var conversation = await ConversationAsync(alice, bob);

        var append = await Store.AppendMessageAsync(NewMessage(conversation, alice, "hello"), Ct);
        var message = append.Message;
        var edit = await Store.EditMessageAsync(Edit(message, "hello there", message.Rev), Ct);
        var react = await Store.AddReactionAsync(message.Id, bob.Id, "👍", 20, Tick(), Ct);
        var unreact = await Store.RemoveReactionAsync(message.Id, bob.Id, "👍", Tick(), Ct);
        var add = await Store.AddLinkAsync(NewLink(conversation, carol), Ct);
        var promote = await Store.UpdateLinkRoleAsync(conversation.Id, carol.Id, ConvoRole.Admin, Tick(), Ct);
        var remove = await Store.RemoveLinkAsync(conversation.Id, bob.Id, Tick(), Ct);
        var rename = await Store.RenameConversationAsync(conversation.Id, "renamed", Tick(), Ct);
        var delete = await Store.DeleteMessageAsync(message.Id, alice.Id, Tick(), Ct);

        Assert.Equal((2L, 2L, 1L), (message.Rev, append.Conversation!.LastRev, append.Conversation.LastSeq));
        long?[] revs = [edit.Rev, react.Rev, unreact.Rev, add.Rev, promote.Rev, remove.Rev, rename.Rev, delete.Rev];
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L], revs);
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L], new[] { edit.Value.Rev, react.Value.Rev, unreact.Value.Rev, add.Value.Rev,
            promote.Value.Rev, remove.Value.Rev, rename.Value.Rev, delete.Value.Rev });
        Assert.All(new[] { edit.Changed, react.Changed, unreact.Changed, add.Changed, promote.Changed, remove.Changed, rename.Changed, delete.Changed }, Assert.True);
        var stored = (await Store.GetConversationAsync(conversation.Id, Ct))!;
        Assert.Equal((10L, 9L, "renamed", 1L), (stored.LastRev, stored.Rev, stored.Name, stored.LastSeq));
        Assert.Equal(stored with { LastRev = 9 }, rename.Value);
        Assert.Equal(stored, delete.Conversation);
        Assert.Equal(10L, (await Store.GetMessageAsync(message.Id, Ct))!.Rev);
        Assert.Equal(7L, (await Store.GetLinkAsync(conversation.Id, carol.Id, Ct))!.Rev);
        Assert.Equal(8L, (await Store.GetLinkIncludingRemovedAsync(conversation.Id, bob.Id, Ct))!.Rev);
    }

    [Fact]
    public async Task Writes_that_change_nothing_take_no_rev_and_return_the_current_state()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var conversation = await ConversationAsync(alice, bob, carol);
        var message = await AppendAsync(conversation, alice, "hello");
        await Store.AddReactionAsync(message.Id, bob.Id, "🎉", 20, Tick(), Ct);
        await Store.RemoveLinkAsync(conversation.Id, carol.Id, Tick(), Ct);
        var before = (await Store.GetConversationAsync(conversation.Id, Ct))!;
        var current = (await Store.GetMessageAsync(message.Id, Ct))!;

        Change<Message>[] messageNoOps =
        [
            await Store.EditMessageAsync(Edit(current, "hello", null), Ct),
            await Store.AddReactionAsync(message.Id, bob.Id, "🎉", 20, Tick(), Ct),
            await Store.RemoveReactionAsync(message.Id, alice.Id, "🎉", Tick(), Ct),
            await Store.RemoveReactionAsync(message.Id, bob.Id, "👀", Tick(), Ct),
        ];
        Change<ConvoLink>[] linkNoOps =
        [
            await Store.AddLinkAsync(NewLink(conversation, bob), Ct),
            await Store.RemoveLinkAsync(conversation.Id, carol.Id, Tick(), Ct),
            await Store.UpdateLinkRoleAsync(conversation.Id, bob.Id, ConvoRole.Member, Tick(), Ct),
        ];
        var sameName = await Store.RenameConversationAsync(conversation.Id, conversation.Name, Tick(), Ct);

        Assert.All(messageNoOps, c => Assert.Equal((false, (long?)null, current), (c.Changed, c.Rev, c.Value)));
        Assert.All(linkNoOps, c => Assert.False(c.Changed));
        Assert.Equal(await Store.GetLinkAsync(conversation.Id, bob.Id, Ct), linkNoOps[0].Value);
        Assert.NotNull(linkNoOps[1].Value.RemovedAt);
        Assert.False(sameName.Changed);
        Assert.All(messageNoOps.Select(c => c.Conversation).Append(sameName.Value), c => Assert.Equal(before, c));
        Assert.Equal(before, await Store.GetConversationAsync(conversation.Id, Ct));

        await Store.DeleteMessageAsync(message.Id, alice.Id, Tick(), Ct);
        var deletedAgain = await Store.DeleteMessageAsync(message.Id, bob.Id, Tick(), Ct);
        Assert.False(deletedAgain.Changed);
        Assert.Equal(alice.Id, deletedAgain.Value.DeletedBy);
        Assert.Equal(before.LastRev + 1, (await Store.GetConversationAsync(conversation.Id, Ct))!.LastRev);
    }

    // Edits, deletes, reactions, replies, mentions

    [Fact]
    public async Task An_edit_replaces_content_and_mentions_and_marks_the_message_edited()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var message = (await Store.AppendMessageAsync(NewMessage(conversation, alice, "hi @bob") with { MentionIds = [bob.Id] }, Ct)).Message;
        var at = Tick();

        var edited = await Store.EditMessageAsync(new MessageEdit { MessageId = message.Id, Content = "hi all", MentionsAll = true, ExpectedRev = message.Rev, At = at }, Ct);

        Assert.Equal(("hi all", true, at, at), (edited.Value.Content, edited.Value.MentionsAll, edited.Value.EditedAt, edited.Value.UpdatedAt));
        Assert.Empty(edited.Value.MentionIds);
        Assert.Equal((message.Seq, message.CreatedAt), (edited.Value.Seq, edited.Value.CreatedAt));
        Assert.Equal(edited.Value, await Store.GetMessageAsync(message.Id, Ct));
        Assert.Equal([bob.Id], message.MentionIds);
    }

    [Fact]
    public async Task An_edit_with_a_stale_expected_rev_or_of_a_deleted_message_is_CONFLICT_and_changes_nothing()
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);
        var message = await AppendAsync(conversation, alice, "one");
        var reacted = (await Store.AddReactionAsync(message.Id, alice.Id, "👍", 20, Tick(), Ct)).Value;

        var stale = await Assert.ThrowsAsync<ChatException>(() => Store.EditMessageAsync(Edit(message, "two", message.Rev), Ct));
        Assert.Equal(reacted, await Store.GetMessageAsync(message.Id, Ct));
        await Store.DeleteMessageAsync(message.Id, alice.Id, Tick(), Ct);
        var lastRev = (await Store.GetConversationAsync(conversation.Id, Ct))!.LastRev;
        var deleted = await Assert.ThrowsAsync<ChatException>(() => Store.EditMessageAsync(Edit(message, "three", null), Ct));
        var missing = await Assert.ThrowsAsync<ChatException>(() => Store.EditMessageAsync(Edit(message with { Id = "missing" }, "x", null), Ct));

        Assert.Equal(ErrorCodes.Conflict, stale.Code);
        Assert.Equal(ErrorCodes.Conflict, deleted.Code);
        Assert.Equal(ErrorCodes.NotFound, missing.Code);
        Assert.Equal("", (await Store.GetMessageAsync(message.Id, Ct))!.Content);
        Assert.Equal(lastRev, (await Store.GetConversationAsync(conversation.Id, Ct))!.LastRev);
    }

    [Fact]
    public async Task Deleting_leaves_a_tombstone_that_keeps_its_place_but_not_its_content_reactions_or_mentions()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var message = (await Store.AppendMessageAsync(NewMessage(conversation, alice, "secret @bob") with { MentionIds = [bob.Id], MentionsAll = true }, Ct)).Message;
        await Store.AddReactionAsync(message.Id, bob.Id, "😮", 20, Tick(), Ct);
        var at = Tick();

        var deleted = (await Store.DeleteMessageAsync(message.Id, bob.Id, at, Ct)).Value;

        Assert.Equal((message.Id, message.Seq, alice.Id, message.CreatedAt), (deleted.Id, deleted.Seq, deleted.AuthorId, deleted.CreatedAt));
        Assert.Equal(("", at, bob.Id, false), (deleted.Content, deleted.DeletedAt, deleted.DeletedBy, deleted.MentionsAll));
        Assert.Empty(deleted.Reactions);
        Assert.Empty(deleted.MentionIds);
        Assert.Equal(deleted, Assert.Single((await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(10), Ct)).Items));
        var react = await Assert.ThrowsAsync<ChatException>(() => Store.AddReactionAsync(message.Id, bob.Id, "😮", 20, Tick(), Ct));
        Assert.Equal(ErrorCodes.Conflict, react.Code);
    }

    [Fact]
    public async Task Reactions_keep_a_total_and_the_reactors_of_each_emoji_in_the_order_they_came()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var conversation = await ConversationAsync(alice, bob, carol);
        var message = await AppendAsync(conversation, alice, "lunch?");

        await Store.AddReactionAsync(message.Id, bob.Id, "👍", 2, Tick(), Ct);
        await Store.AddReactionAsync(message.Id, carol.Id, "🍕", 2, Tick(), Ct);
        await Store.AddReactionAsync(message.Id, alice.Id, "👍", 2, Tick(), Ct);
        var tooMany = await Assert.ThrowsAsync<ChatException>(() => Store.AddReactionAsync(message.Id, alice.Id, "🍣", 2, Tick(), Ct));
        var afterRemove = (await Store.RemoveReactionAsync(message.Id, carol.Id, "🍕", Tick(), Ct)).Value;

        Assert.Equal(ErrorCodes.BadUserInput, tooMany.Code);
        Assert.Equal([new ReactionGroup("👍", 2, [bob.Id, alice.Id])], afterRemove.Reactions);
        Assert.Equal(afterRemove, await Store.GetMessageAsync(message.Id, Ct));
    }

    [Fact]
    public async Task A_reply_must_name_a_message_of_the_same_conversation()
    {
        var alice = await UserAsync("alice");
        var here = await ConversationAsync(alice);
        var elsewhere = await ConversationAsync(alice);
        var original = await AppendAsync(here, alice, "question");
        var foreign = await AppendAsync(elsewhere, alice, "other");

        var reply = (await Store.AppendMessageAsync(NewMessage(here, alice, "answer") with { ReplyToId = original.Id }, Ct)).Message;
        var across = await Assert.ThrowsAsync<ChatException>(() => Store.AppendMessageAsync(NewMessage(here, alice, "x") with { ReplyToId = foreign.Id }, Ct));
        var missing = await Assert.ThrowsAsync<ChatException>(() => Store.AppendMessageAsync(NewMessage(here, alice, "x") with { ReplyToId = "missing" }, Ct));

        Assert.Equal(original.Id, (await Store.GetMessageAsync(reply.Id, Ct))!.ReplyToId);
        Assert.Equal(ErrorCodes.BadUserInput, across.Code);
        Assert.Equal(ErrorCodes.BadUserInput, missing.Code);
        Assert.Equal(2, (await Store.GetConversationAsync(here.Id, Ct))!.LastSeq);
    }

    [Fact]
    public async Task Unread_and_mention_counts_leave_out_deleted_messages_and_the_readers_own()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        await AppendAsync(conversation, bob, "one");
        var mention = (await Store.AppendMessageAsync(NewMessage(conversation, bob, "@alice") with { MentionIds = [alice.Id] }, Ct)).Message;
        var all = (await Store.AppendMessageAsync(NewMessage(conversation, bob, "@all") with { MentionsAll = true }, Ct)).Message;
        await Store.AppendMessageAsync(NewMessage(conversation, alice, "@alice myself") with { MentionIds = [alice.Id] }, Ct);
        var doomed = (await Store.AppendMessageAsync(NewMessage(conversation, bob, "@alice oops") with { MentionIds = [alice.Id] }, Ct)).Message;

        await Store.DeleteMessageAsync(doomed.Id, bob.Id, Tick(), Ct);
        var (unread, mentions) = (await Store.CountUnreadAsync(conversation.Id, alice.Id, Ct), await Store.CountUnreadMentionsAsync(conversation.Id, alice.Id, Ct));
        await Store.MarkReadAsync(conversation.Id, alice.Id, mention.Seq, Ct);
        var mentionsAfterReading = await Store.CountUnreadMentionsAsync(conversation.Id, alice.Id, Ct);

        Assert.Equal((3, 2), (unread, mentions));
        Assert.Equal(1, mentionsAfterReading);
        // Bob's own @all does not count for him, and nothing else mentions him.
        Assert.Equal(0, await Store.CountUnreadMentionsAsync(conversation.Id, bob.Id, Ct));
        Assert.True(all.MentionsAll);
    }

    // Membership

    [Fact]
    public async Task A_removed_member_is_a_member_nowhere_but_the_tombstone_stays_for_catch_up()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var at = Tick();

        var removed = await Store.RemoveLinkAsync(conversation.Id, bob.Id, at, Ct);

        Assert.Equal(at, removed.Value.RemovedAt);
        Assert.Null(await Store.GetLinkAsync(conversation.Id, bob.Id, Ct));
        Assert.Equal(removed.Value, await Store.GetLinkIncludingRemovedAsync(conversation.Id, bob.Id, Ct));
        Assert.Empty((await Store.ListLinksByUserAsync(bob.Id, new PageRequest(10), Ct)).Items);
        Assert.Equal([alice.Id], (await Store.ListLinksByConversationAsync(conversation.Id, new PageRequest(10), Ct)).Items.Select(l => l.UserId));
        Assert.Equal([alice.Id], (await Store.ListMembersAsync(conversation.Id, Ct)).Select(l => l.UserId));
        Assert.Empty(await Store.GetConversationIdsOfUserAsync(bob.Id, Ct));
        Assert.Empty((await Store.ListConversationsByActivityAsync(bob.Id, new PageRequest(10), Ct)).Items);
        Assert.Equal(removed.Value, Assert.Single((await Store.ListLinksChangedAfterAsync(conversation.Id, 1, new PageRequest(10), Ct)).Items));
        var unknown = await Assert.ThrowsAsync<ChatException>(() => Store.RemoveLinkAsync(conversation.Id, "nobody", Tick(), Ct));
        Assert.Equal(ErrorCodes.NotFound, unknown.Code);
    }

    [Fact]
    public async Task Adding_a_removed_member_again_revives_the_same_link_with_the_new_role_and_rev()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);
        var original = (await Store.GetLinkAsync(conversation.Id, bob.Id, Ct))!;
        await Store.RemoveLinkAsync(conversation.Id, bob.Id, Tick(), Ct);

        var again = await Store.AddLinkAsync(NewLink(conversation, bob) with { Role = ConvoRole.Admin }, Ct);

        Assert.True(again.Changed);
        Assert.Equal((original.Id, original.CreatedAt, ConvoRole.Admin, (DateTimeOffset?)null, 3L),
            (again.Value.Id, again.Value.CreatedAt, again.Value.Role, again.Value.RemovedAt, again.Value.Rev));
        Assert.Equal(again.Value, await Store.GetLinkAsync(conversation.Id, bob.Id, Ct));
        Assert.Equal([conversation.Id], await Store.GetConversationIdsOfUserAsync(bob.Id, Ct));
    }

    [Fact]
    public async Task The_last_owner_can_neither_leave_nor_step_down_while_others_remain()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var conversation = await ConversationAsync(alice, bob);

        var leave = await Assert.ThrowsAsync<ChatException>(() => Store.RemoveLinkAsync(conversation.Id, alice.Id, Tick(), Ct));
        var stepDown = await Assert.ThrowsAsync<ChatException>(() => Store.UpdateLinkRoleAsync(conversation.Id, alice.Id, ConvoRole.Admin, Tick(), Ct));
        Assert.Equal((ErrorCodes.Conflict, ErrorCodes.Conflict), (leave.Code, stepDown.Code));
        Assert.Equal(ConvoRole.Owner, (await Store.GetLinkAsync(conversation.Id, alice.Id, Ct))!.Role);
        Assert.Equal(1, (await Store.GetConversationAsync(conversation.Id, Ct))!.LastRev);

        await Store.UpdateLinkRoleAsync(conversation.Id, bob.Id, ConvoRole.Owner, Tick(), Ct);
        Assert.True((await Store.RemoveLinkAsync(conversation.Id, alice.Id, Tick(), Ct)).Changed);
        // The only member left may leave: nobody remains to be without an owner.
        Assert.True((await Store.RemoveLinkAsync(conversation.Id, bob.Id, Tick(), Ct)).Changed);
        var notMember = await Assert.ThrowsAsync<ChatException>(() => Store.UpdateLinkRoleAsync(conversation.Id, bob.Id, ConvoRole.Admin, Tick(), Ct));
        Assert.Equal(ErrorCodes.NotFound, notMember.Code);
    }

    [Fact]
    public async Task A_direct_conversation_is_found_again_for_the_same_pair_in_either_order_even_when_created_at_once()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");

        var racers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            i % 2 == 0 ? DirectAsync(alice, bob) : DirectAsync(bob, alice), Ct)));
        var other = await DirectAsync(alice, carol);

        var created = Assert.Single(racers, r => r.Created);
        Assert.All(racers, r => Assert.Equal(created.Conversation.Id, r.Conversation.Id));
        Assert.True(created.Conversation.Direct);
        Assert.Equal((1L, 1L), (created.Conversation.LastRev, created.Conversation.Rev));
        Assert.All(racers, r => Assert.Equal(new[] { alice.Id, bob.Id }.Order(StringComparer.Ordinal), r.Links.Select(l => l.UserId).Order(StringComparer.Ordinal)));
        Assert.NotEqual(created.Conversation.Id, other.Conversation.Id);
        Assert.True((await Store.GetConversationAsync(created.Conversation.Id, Ct))!.Direct);
    }

    // Replay after a rev

    [Fact]
    public async Task The_replay_after_a_rev_holds_the_current_state_of_everything_changed_since_in_rev_order()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var conversation = await ConversationAsync(alice, bob);
        var untouched = await AppendAsync(conversation, alice, "old");                       // rev 2
        var edited = await AppendAsync(conversation, bob, "draft");                          // rev 3
        await Store.EditMessageAsync(Edit(edited, "final", null), Ct);                       // rev 4
        var doomed = await AppendAsync(conversation, alice, "oops");                         // rev 5
        await Store.AddLinkAsync(NewLink(conversation, carol), Ct);                          // rev 6
        await Store.DeleteMessageAsync(doomed.Id, alice.Id, Tick(), Ct);                     // rev 7
        await Store.RemoveLinkAsync(conversation.Id, bob.Id, Tick(), Ct);                    // rev 8
        await Store.RenameConversationAsync(conversation.Id, "new name", Tick(), Ct);        // rev 9

        var batch = await Store.ListChangesAsync(conversation.Id, untouched.Rev, 100, Ct);

        Assert.Equal([4L, 6L, 7L, 8L, 9L], batch.Items.Select(i => i.Rev));
        Assert.Equal("final", batch.Items[0].Message!.Content);
        Assert.Equal(carol.Id, batch.Items[1].Link!.UserId);
        Assert.NotNull(batch.Items[2].Message!.DeletedAt);
        Assert.NotNull(batch.Items[3].Link!.RemovedAt);
        Assert.Equal("new name", batch.Items[4].Conversation!.Name);
        Assert.All(batch.Items, i => Assert.Equal(1, (i.Message is null ? 0 : 1) + (i.Link is null ? 0 : 1) + (i.Conversation is null ? 0 : 1)));
        Assert.Equal((9L, false, 0L), (batch.ThroughRev, batch.HasMore, batch.ReplayFloor));
        Assert.Equal(9L, batch.Conversation!.LastRev);
        Assert.Equal(0L, await Store.GetReplayFloorAsync(conversation.Id, Ct));
        var upToDate = await Store.ListChangesAsync(conversation.Id, 9, 100, Ct);
        Assert.Equal((0, 9L, false), (upToDate.Items.Count, upToDate.ThroughRev, upToDate.HasMore));
        var missing = await Store.ListChangesAsync("missing", 0, 10, Ct);
        Assert.Equal((null, 0), (missing.Conversation, missing.Items.Count));
    }

    [Fact]
    public async Task Replay_pages_never_split_a_rev_and_together_bring_a_reader_from_zero_to_the_last_rev()
    {
        var users = new List<User>();
        for (var i = 0; i < 4; i++)
        {
            users.Add(await UserAsync($"member{i}"));
        }

        var conversation = await ConversationAsync([.. users]);                              // rev 1: conversation + 4 links
        for (var i = 0; i < 5; i++)
        {
            await AppendAsync(conversation, users[i % 4], $"m{i}");                          // revs 2..6
        }

        var pages = new List<ChangeBatch>();
        long after = 0;
        do
        {
            pages.Add(await Store.ListChangesAsync(conversation.Id, after, 2, Ct));
            after = pages[^1].ThroughRev;
        }
        while (pages[^1].HasMore && pages.Count < 20);

        Assert.Equal(5, pages[0].Items.Count);
        Assert.All(pages[0].Items, i => Assert.Equal(1L, i.Rev));
        Assert.NotNull(pages[0].Items[0].Conversation);
        Assert.Equal(Enumerable.Repeat(1L, 5).Concat([2L, 3L, 4L, 5L, 6L]), pages.SelectMany(p => p.Items).Select(i => i.Rev));
        Assert.Equal(6L, pages[^1].ThroughRev);
        Assert.All(pages.Skip(1), p => Assert.True(p.Items.Count <= 2));
    }

    [Fact]
    public async Task Messages_and_links_changed_after_a_rev_page_in_rev_order()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var carol = await UserAsync("carol");
        var conversation = await ConversationAsync(alice, bob, carol);
        var first = await AppendAsync(conversation, alice, "1");                              // rev 2
        var second = await AppendAsync(conversation, alice, "2");                             // rev 3
        var third = await AppendAsync(conversation, alice, "3");                              // rev 4
        await Store.EditMessageAsync(Edit(first, "1 edited", null), Ct);                      // rev 5
        await Store.RemoveLinkAsync(conversation.Id, carol.Id, Tick(), Ct);                   // rev 6

        var messages = await ReadAllAsync(key => Store.ListMessagesChangedAfterAsync(conversation.Id, 2, new PageRequest(1, SortDirection.Asc, key), Ct));
        var newestFirst = await ReadAllAsync(key => Store.ListMessagesChangedAfterAsync(conversation.Id, 0, new PageRequest(2, SortDirection.Desc, key), Ct));
        var links = await ReadAllAsync(key => Store.ListLinksChangedAfterAsync(conversation.Id, 0, new PageRequest(2, SortDirection.Asc, key), Ct));

        Assert.Equal([second.Id, third.Id, first.Id], messages.Select(m => m.Id));
        Assert.Equal([5L, 4L, 3L], newestFirst.Select(m => m.Rev));
        Assert.Equal([1L, 1L, 6L], links.Select(l => l.Rev));
        Assert.Equal(carol.Id, links[^1].UserId);
        var malformed = await Assert.ThrowsAsync<ChatException>(() => Store.ListLinksChangedAfterAsync(conversation.Id, 0, new PageRequest(2, AfterKey: "x"), Ct));
        Assert.Equal(ErrorCodes.BadUserInput, malformed.Code);
    }

    [Fact]
    public async Task Concurrent_changes_of_every_kind_keep_rev_gap_free()
    {
        const int Writers = 6, PerWriter = 10;
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);
        var target = await AppendAsync(conversation, alice, "react here");

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var revs = new List<long>();
            for (var i = 0; i < PerWriter; i++)
            {
                var appended = await Store.AppendMessageAsync(NewMessage(conversation, alice, $"w{w} m{i}", $"w{w}-m{i}"), Ct);
                revs.Add(appended.Message.Rev);
                revs.Add((await Store.AddReactionAsync(target.Id, alice.Id, $"e{w}-{i}", 1000, Tick(), Ct)).Rev!.Value);
                revs.Add((await Store.EditMessageAsync(Edit(appended.Message, $"w{w} m{i} edited", null), Ct)).Rev!.Value);
            }

            return revs;
        }, Ct)));

        var expected = Enumerable.Range(3, Writers * PerWriter * 3).Select(i => (long)i);
        Assert.Equal(expected, results.SelectMany(r => r).Order());
        Assert.All(results, revs => Assert.Equal(revs.Order(), revs));
        Assert.Equal(2L + Writers * PerWriter * 3, (await Store.GetConversationAsync(conversation.Id, Ct))!.LastRev);
        Assert.Equal(Writers * PerWriter, (await Store.GetMessageAsync(target.Id, Ct))!.Reactions.Count);
    }

    // Helpers: the scenario's vocabulary

    protected DateTimeOffset Tick() => clock = clock.AddSeconds(1);

    protected string NewId() => "id-" + Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected async Task<User> UserAsync(string username)
    {
        var (user, _) = await Store.ProvisionUserAsync("sub-" + username, username, Ct);
        Assert.Equal(username, user.Username);
        return user;
    }

    protected Conversation NewConversation(User creator)
    {
        var now = Tick();
        return new Conversation { Id = NewId(), Name = "chat", CreatedBy = creator.Id, CreatedAt = now, UpdatedAt = now, LastActivityAt = now };
    }

    protected ConvoLink NewLink(Conversation conversation, User user)
    {
        var now = Tick();
        return new ConvoLink { Id = NewId(), UserId = user.Id, ConversationId = conversation.Id, CreatedAt = now, UpdatedAt = now };
    }

    /// <summary>A conversation whose first member is its creator and owner; the others are members.</summary>
    protected async Task<Conversation> ConversationAsync(params User[] members)
    {
        var conversation = NewConversation(members[0]);
        var links = members.Select(m => NewLink(conversation, m) with { Role = m == members[0] ? ConvoRole.Owner : ConvoRole.Member }).ToList();
        return (await Store.CreateConversationAsync(conversation, links, Ct)).Conversation;
    }

    protected Task<ConversationCreation> DirectAsync(User creator, User other)
    {
        var conversation = NewConversation(creator) with { Direct = true };
        return Store.FindOrCreateDirectConversationAsync(conversation,
            [NewLink(conversation, creator) with { Role = ConvoRole.Owner }, NewLink(conversation, other) with { Role = ConvoRole.Owner }], Ct);
    }

    protected MessageEdit Edit(Message message, string content, long? expectedRev) =>
        new() { MessageId = message.Id, Content = content, ExpectedRev = expectedRev, At = Tick() };

    protected NewMessage NewMessage(Conversation conversation, User author, string content, string? id = null) => new()
    {
        Id = id ?? NewId(),
        ConversationId = conversation.Id,
        AuthorId = author.Id,
        Content = content,
        CreatedAt = Tick(),
        ClientCreatedAt = "client-time",
    };

    protected async Task<Message> AppendAsync(Conversation conversation, User author, string content, string? id = null)
    {
        var result = await Store.AppendMessageAsync(NewMessage(conversation, author, content, id), Ct);
        Assert.True(result.Created);
        return result.Message;
    }

    private async Task<(Conversation, User)> ConversationWithMessagesAsync(params string[] contents)
    {
        var alice = await UserAsync("alice");
        var conversation = await ConversationAsync(alice);
        foreach (var content in contents)
        {
            await AppendAsync(conversation, alice, content);
        }

        return (conversation, alice);
    }

    private Task<(Conversation, User)> ConversationWithMessagesAsync(int count) =>
        ConversationWithMessagesAsync(Enumerable.Range(1, count).Select(i => $"message {i}").ToArray());

    private static ConditionFilter Content(FilterOp op, params string[] values) => new(FilterField.Content, op, values);

    private async Task<IEnumerable<string>> ContentsAsync(Conversation conversation, Filter filter) =>
        (await Store.ListMessagesAsync(conversation.Id, null, new PageRequest(100, Filter: filter), Ct)).Items.Select(m => m.Content);

    /// <summary>Follows next keys to the end, failing on a page that repeats an item or a loop that never ends.</summary>
    protected static async Task<List<T>> ReadAllAsync<T>(Func<string?, Task<Page<T>>> list)
    {
        var all = new List<T>();
        string? key = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var page = await list(key);
            all.AddRange(page.Items);
            if (page.NextKey is null)
            {
                Assert.Equal(all.Count, all.Distinct().Count());
                return all;
            }

            Assert.NotEmpty(page.Items);
            key = page.NextKey;
        }

        throw new InvalidOperationException("Paging did not end within 100 pages.");
    }
}
