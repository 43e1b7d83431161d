using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>
/// What every <see cref="IEventBus"/> must do, seen from one instance. One subclass per implementation.
/// </summary>
public abstract class EventBusContract : IAsyncLifetime
{
    private IEventBus? _bus;

    protected IEventBus Bus => _bus ?? throw new InvalidOperationException("Bus not created.");

    /// <summary>The bus logs here; the contract checks that failing listeners are logged.</summary>
    protected abstract ValueTask<IEventBus> CreateBusAsync();

    protected abstract IEnumerable<Exception?> LoggedErrors { get; }

    public async ValueTask InitializeAsync() => _bus = await CreateBusAsync();

    public async ValueTask DisposeAsync()
    {
        if (_bus is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_published_event_reaches_every_listener_of_its_topic()
    {
        var topic = Topic.Conversation(Samples.NewId());
        var first = new Inbox();
        var second = new Inbox();
        using var a = Bus.Listen(topic, first.Listener);
        using var b = Bus.Listen(topic, second.Listener);

        var published = Samples.Message(topic.Id, 1);
        await Bus.PublishAsync(topic, published, Ct);

        Assert.Equal(published, await first.NextAsync());
        Assert.Equal(published, await second.NextAsync());
    }

    [Fact]
    public async Task A_listener_receives_only_events_of_its_own_topic()
    {
        var conversation = Samples.NewId();
        var topic = Topic.Conversation(conversation);
        var inbox = new Inbox();
        using var listening = Bus.Listen(topic, inbox.Listener);

        await Bus.PublishAsync(Topic.Conversation(Samples.NewId()), Samples.Message("other", 1), Ct);
        await Bus.PublishAsync(Topic.User(conversation), Samples.Linked(conversation, "c"), Ct);
        await Bus.PublishAsync(Topic.Users, Samples.User(conversation), Ct);
        var marker = Samples.Message(conversation, 2);
        await Bus.PublishAsync(topic, marker, Ct);

        Assert.Equal(marker, await inbox.NextAsync());
        inbox.AssertEmpty();
    }

    [Fact]
    public async Task A_disposed_listener_receives_nothing_more_while_the_others_still_do()
    {
        var topic = Topic.User(Samples.NewId());
        var leaving = new Inbox();
        var staying = new Inbox();
        var handle = Bus.Listen(topic, leaving.Listener);
        using var stays = Bus.Listen(topic, staying.Listener);

        handle.Dispose();
        handle.Dispose();
        var published = Samples.Linked(topic.Id, Samples.NewId());
        await Bus.PublishAsync(topic, published, Ct);

        Assert.Equal(published, await staying.NextAsync());
        leaving.AssertEmpty();
    }

    [Fact]
    public async Task A_throwing_listener_does_not_stop_the_others_and_is_logged()
    {
        var topic = Topic.Users;
        var inbox = new Inbox();
        using var thrower = Bus.Listen(topic, _ => throw new InvalidOperationException("listener bug"));
        using var listening = Bus.Listen(topic, inbox.Listener);

        var published = Samples.User(Samples.NewId());
        await Bus.PublishAsync(topic, published, Ct);

        Assert.Equal(published, await inbox.NextAsync());
        Assert.Contains(LoggedErrors, e => e is InvalidOperationException { Message: "listener bug" });
    }

    [Fact]
    public async Task Events_from_one_publisher_on_one_topic_arrive_in_publish_order()
    {
        var topic = Topic.Conversation(Samples.NewId());
        var inbox = new Inbox();
        using var listening = Bus.Listen(topic, inbox.Listener);

        for (var seq = 1; seq <= 200; seq++)
        {
            await Bus.PublishAsync(topic, Samples.Message(topic.Id, seq), Ct);
        }

        for (var seq = 1; seq <= 200; seq++)
        {
            var received = Assert.IsType<MessageCreated>(await inbox.NextAsync());
            Assert.Equal(seq, received.Message.Seq);
        }
        inbox.AssertEmpty();
    }
}
