using System.Diagnostics;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.Nats;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>What only a shared bus does: instances reach each other, interest follows listeners, outages pass.</summary>
public sealed class NatsEventBusTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_of_event_published_on_one_instance_reaches_a_listener_on_another_unchanged()
    {
        var server = nats.Server;
        await using var a = NatsBuses.Create(server.Url, "a-" + Samples.NewId());
        var bName = "b-" + Samples.NewId();
        await using var b = NatsBuses.Create(server.Url, bName);
        var conversation = Topic.Conversation(Samples.NewId());
        var user = Topic.User(Samples.NewId());
        var inbox = new Inbox();
        using var l1 = b.Listen(conversation, inbox.Listener);
        using var l2 = b.Listen(user, inbox.Listener);
        using var l3 = b.Listen(Topic.Users, inbox.Listener);
        await WaitForSubscriptionsAsync(server, bName, conversation.Subject, user.Subject, Topic.Users.Subject);

        var message = Samples.Message(conversation.Id, 7);
        var linked = Samples.Linked(user.Id, conversation.Id);
        var created = Samples.User(user.Id);
        await a.PublishAsync(conversation, message, Ct);
        await a.PublishAsync(user, linked, Ct);
        await a.PublishAsync(Topic.Users, created, Ct);

        var received = new[] { await inbox.NextAsync(), await inbox.NextAsync(), await inbox.NextAsync() };
        Assert.Contains(message, received);
        Assert.Contains(linked, received);
        Assert.Contains(created, received);
        var receivedMessage = received.OfType<MessageCreated>().Single().Message;
        Assert.Equal(message.Message.CreatedAt.Ticks, receivedMessage.CreatedAt.Ticks);
        Assert.Equal(message.Message.CreatedAt.Offset, receivedMessage.CreatedAt.Offset);
    }

    [Fact]
    public async Task A_publisher_s_own_listener_receives_its_event_once_not_again_through_NATS()
    {
        var server = nats.Server;
        var aName = "a-" + Samples.NewId();
        var bName = "b-" + Samples.NewId();
        await using var a = NatsBuses.Create(server.Url, aName);
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var onA = new Inbox();
        var onB = new Inbox();
        using var la = a.Listen(topic, onA.Listener);
        using var lb = b.Listen(topic, onB.Listener);
        await WaitForSubscriptionsAsync(server, aName, topic.Subject);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);

        var first = Samples.Message(topic.Id, 1);
        var second = Samples.Message(topic.Id, 2);
        await a.PublishAsync(topic, first, Ct);
        await a.PublishAsync(topic, second, Ct);
        Assert.Equal(first, await onB.NextAsync());
        Assert.Equal(second, await onB.NextAsync());
        // By now the server has routed A's two events to every interested connection; B's event comes after
        // any echo of them, so it closes A's stream.
        var fromB = Samples.Message(topic.Id, 3);
        await b.PublishAsync(topic, fromB, Ct);

        Assert.Equal(first, await onA.NextAsync());
        Assert.Equal(second, await onA.NextAsync());
        Assert.Equal(fromB, await onA.NextAsync());
        onA.AssertEmpty();
    }

    [Fact]
    public async Task An_instance_holds_one_NATS_subscription_for_a_topic_only_while_it_has_local_listeners()
    {
        var server = nats.Server;
        var name = "interest-" + Samples.NewId();
        await using var bus = NatsBuses.Create(server.Url, name);
        var topic = Topic.Conversation(Samples.NewId());
        var other = Topic.Conversation(Samples.NewId());
        using var otherListener = bus.Listen(other, _ => { });
        await WaitForSubscriptionsAsync(server, name, other.Subject);
        Assert.DoesNotContain(topic.Subject, await server.SubscriptionsOfAsync(name, Ct));

        var first = bus.Listen(topic, _ => { });
        var second = bus.Listen(topic, _ => { });
        await WaitForSubscriptionsAsync(server, name, topic.Subject);
        Assert.Single(await server.SubscriptionsOfAsync(name, Ct), s => s == topic.Subject);

        first.Dispose();
        await SettleInterestChangesAsync(bus, name, server);
        Assert.Contains(topic.Subject, await server.SubscriptionsOfAsync(name, Ct));

        second.Dispose();
        await Eventually.HoldsAsync(async () => !(await server.SubscriptionsOfAsync(name, Ct)).Contains(topic.Subject),
            $"{topic.Subject} is unsubscribed after its last listener left");
        Assert.Contains(other.Subject, await server.SubscriptionsOfAsync(name, Ct));
    }

    [Fact]
    public async Task Events_published_while_NATS_is_down_wait_in_the_outbox_and_reach_the_other_instance_in_order_once_it_is_back()
    {
        await using var server = await NatsServer.StartAsync(Ct);
        var bName = "outage-b-" + Samples.NewId();
        // A reconnects slower than B, so B's subscription is back on the server before A's outbox drains
        // (core NATS drops what nobody is subscribed to).
        await using var a = NatsBuses.Create(server.Url, "outage-a-" + Samples.NewId(), reconnectWait: TimeSpan.FromSeconds(2));
        await using var b = NatsBuses.Create(server.Url, bName);
        var health = new NatsHealthCheck(a);
        var topic = Topic.Conversation(Samples.NewId());
        var onA = new Inbox();
        var onB = new Inbox();
        using var la = a.Listen(topic, onA.Listener);
        using var lb = b.Listen(topic, onB.Listener);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await Eventually.HoldsAsync(() => a.ConnectionState == NatsConnectionState.Open, "A connects");
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);

        await server.StopAsync();
        await Eventually.HoldsAsync(() => a.ConnectionState != NatsConnectionState.Open, "A notices the outage");
        var published = Enumerable.Range(1, 3).Select(seq => Samples.Message(topic.Id, seq)).ToList();
        var clock = Stopwatch.StartNew();
        foreach (var message in published)
        {
            await a.PublishAsync(topic, message, Ct);
        }
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"publishing during the outage took {clock.Elapsed}");
        foreach (var message in published)
        {
            Assert.Equal(message, await onA.NextAsync());
        }
        Assert.Equal(3, a.PendingPublishes);
        Assert.Equal(HealthStatus.Degraded, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);

        await server.StartAgainAsync(Ct);
        foreach (var message in published)
        {
            Assert.Equal(message, await onB.NextAsync(TimeSpan.FromSeconds(15)));
        }
        Assert.Equal(0, a.PendingPublishes);
        Assert.Equal(0, a.DroppedPublishes);
    }

    [Fact]
    public async Task An_event_published_before_the_bus_has_connected_reaches_the_other_instance()
    {
        var server = nats.Server;
        var bName = "early-b-" + Samples.NewId();
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var onB = new Inbox();
        using var lb = b.Listen(topic, onB.Listener);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await using var a = NatsBuses.CreateUnstarted(server.Url, "early-a-" + Samples.NewId());
        var health = new NatsHealthCheck(a);

        var early = Samples.Message(topic.Id, 1);
        await a.PublishAsync(topic, early, Ct);
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);
        a.Start();

        Assert.Equal(early, await onB.NextAsync());
        await Eventually.HoldsAsync(async () => (await health.CheckHealthAsync(new HealthCheckContext(), Ct)).Status == HealthStatus.Healthy,
            "readiness turns healthy once connected");
    }

    [Fact]
    public async Task A_full_outbox_drops_its_oldest_events_and_counts_them_so_the_newest_still_reveal_the_gap()
    {
        var server = nats.Server;
        var bName = "full-b-" + Samples.NewId();
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var onB = new Inbox();
        using var lb = b.Listen(topic, onB.Listener);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await using var a = NatsBuses.CreateUnstarted(server.Url, "full-a-" + Samples.NewId(), outboxCapacity: 3);

        for (var seq = 1; seq <= 5; seq++)
        {
            await a.PublishAsync(topic, Samples.Message(topic.Id, seq), Ct);
        }
        a.Start();

        var received = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(Seq(await onB.NextAsync()));
        }
        Assert.Equal([3L, 4L, 5L], received);
        Assert.Equal(2, a.DroppedPublishes);
        onB.AssertEmpty();
    }

    [Fact]
    public async Task A_bus_started_while_NATS_is_unreachable_serves_local_listeners_and_joins_once_NATS_appears()
    {
        await using var server = NatsServer.Unstarted();
        var bName = "late-b-" + Samples.NewId();
        await using var a = NatsBuses.Create(server.Url, "late-a-" + Samples.NewId());
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var onA = new Inbox();
        var onB = new Inbox();
        using var la = a.Listen(topic, onA.Listener);
        using var lb = b.Listen(topic, onB.Listener);

        var local = Samples.Message(topic.Id, 1);
        await a.PublishAsync(topic, local, Ct);
        Assert.Equal(local, await onA.NextAsync());

        await server.StartAgainAsync(Ct);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await DeliveredAcrossAsync(a, topic, onB, firstSeq: 2);
    }

    [Fact]
    public async Task Delivery_between_instances_resumes_after_nats_server_restarts_on_the_same_port()
    {
        await using var server = await NatsServer.StartAsync(Ct);
        var bName = "restart-b-" + Samples.NewId();
        await using var a = NatsBuses.Create(server.Url, "restart-a-" + Samples.NewId());
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var onB = new Inbox();
        using var listening = b.Listen(topic, onB.Listener);
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await DeliveredAcrossAsync(a, topic, onB, firstSeq: 1);

        await server.StopAsync();
        await Eventually.HoldsAsync(() => a.ConnectionState != NatsConnectionState.Open && b.ConnectionState != NatsConnectionState.Open,
            "both buses notice the outage");
        var resumedBefore = onB.Resumed;
        await server.StartAgainAsync(Ct);
        await Eventually.HoldsAsync(() => onB.Resumed > resumedBefore, "B's listener is told the bus resumed, so it can catch up from the store");

        // B's subscription comes back only through the client's reconnect (the bus does not re-subscribe).
        await WaitForSubscriptionsAsync(server, bName, topic.Subject);
        await DeliveredAcrossAsync(a, topic, onB, firstSeq: 1000);
    }

    [Fact]
    public async Task Listening_and_unlistening_during_an_outage_take_effect_on_the_server_once_it_is_back()
    {
        await using var server = await NatsServer.StartAsync(Ct);
        var name = "outage-interest-" + Samples.NewId();
        await using var bus = NatsBuses.Create(server.Url, name);
        var leaving = Topic.Conversation(Samples.NewId());
        var arriving = Topic.Conversation(Samples.NewId());
        var leavingListener = bus.Listen(leaving, _ => { });
        await WaitForSubscriptionsAsync(server, name, leaving.Subject);

        await server.StopAsync();
        await Eventually.HoldsAsync(() => bus.ConnectionState != NatsConnectionState.Open, "the bus notices the outage");
        leavingListener.Dispose();
        using var arrivingListener = bus.Listen(arriving, _ => { });
        await server.StartAgainAsync(Ct);

        await Eventually.HoldsAsync(async () =>
        {
            var held = await server.SubscriptionsOfAsync(name, Ct);
            return held.Contains(arriving.Subject) && !held.Contains(leaving.Subject);
        }, $"{name} holds {arriving.Subject} and not {leaving.Subject}");
    }

    private static long Seq(ChatEvent chatEvent) => ((MessageCreated)chatEvent).Message.Seq;

    /// <summary>
    /// Publishes probes from <paramref name="from"/> until one reaches <paramref name="to"/> (A may still be
    /// reconnecting, and core NATS drops what it cannot route), within a deadline.
    /// </summary>
    private static async Task DeliveredAcrossAsync(NatsEventBus from, Topic topic, Inbox to, long firstSeq)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        for (var seq = firstSeq; DateTime.UtcNow < deadline; seq++)
        {
            await from.PublishAsync(topic, Samples.Message(topic.Id, seq), Ct);
            if (await to.NextOrNullAsync(TimeSpan.FromMilliseconds(200)) is MessageCreated received)
            {
                Assert.Equal(topic.Id, received.Message.ConversationId);
                return;
            }
        }
        Assert.Fail("No event crossed between the instances within 15 s.");
    }

    private static Task WaitForSubscriptionsAsync(NatsServer server, string connectionName, params string[] subjects) =>
        Eventually.HoldsAsync(async () =>
        {
            var held = await server.SubscriptionsOfAsync(connectionName, Ct);
            return subjects.All(held.Contains);
        }, $"{connectionName} is subscribed to {string.Join(", ", subjects)}");

    /// <summary>
    /// Lets the bus's interest loop process everything queued before: a change on a fresh topic is queued
    /// after it, so once that topic shows up on the server, the earlier change has been handled.
    /// </summary>
    private static async Task SettleInterestChangesAsync(NatsEventBus bus, string name, NatsServer server)
    {
        var probe = Topic.Conversation("probe-" + Samples.NewId());
        using var listening = bus.Listen(probe, _ => { });
        await WaitForSubscriptionsAsync(server, name, probe.Subject);
    }
}
