using Chatt.Faults.Tests.Harness;

namespace Chatt.Faults.Tests.Faults;

/// <summary>
/// One client that stops reading, among fast ones on both instances. Instance a allows 256 KiB queued per socket and
/// 2 s per send (the defaults are 16 MiB and 30 s; smaller here so a few hundred KB of posts reach the bound).
/// </summary>
public sealed class SlowConsumerTests : IAsyncLifetime
{
    private const string BigSubscription = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { id seq content } }";

    private readonly ProcessCluster _cluster = new(name => name == "a"
        ? new Dictionary<string, string?>
        {
            ["GraphQL:WebSockets:MaxOutboundBytes"] = "262144",
            ["GraphQL:WebSockets:SendTimeout"] = "00:00:02",
            // Long enough for the test to start reading and see the close frame behind the queued bytes.
            ["GraphQL:WebSockets:CloseTimeout"] = "00:00:30",
        }
        : new Dictionary<string, string?>());

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_4008_while_the_fast_clients_on_both_instances_get_every_message_without_a_reconnect()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var room = await Room.CreateAsync(_cluster, "alice", "bob", "carol", "dave");
        StreamClient[] fast = [room.Client("alice", a, b), room.Client("bob", a, b), room.Client("alice", b, a), room.Client("bob", b, a)];
        // The slow one: 50 subscriptions to the conversation with the messages' content, on a socket it never reads.
        await using var slow = await GraphQLSocket.ConnectRawAsync(a.WebSocketUri);
        await slow.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer " + room.TokenOf("dave") } });
        for (var i = 0; i < 50; i++)
        {
            await slow.SendAsync(new { id = "s" + i, type = "subscribe", payload = new { query = BigSubscription, variables = new { c = room.ConversationId } } });
        }

        Poster[] posters = [room.Poster("carol", TimeSpan.FromMilliseconds(10), 3000, a, b), room.Poster("carol", TimeSpan.FromMilliseconds(10), 3000, b, a)];
        await using var run = await StreamRun.StartAsync(room.ConversationId, fast, posters);
        await run.FlowAsync(120);
        var report = await run.FinishAsync(room.Endpoints("alice", b)[0]);
        var close = await slow.ReceiveCloseAsync(TimeSpan.FromSeconds(60));

        report.AssertNothingLost("slow consumer among fast ones");
        TestContext.Current.TestOutputHelper?.WriteLine($"  the slow client (50 subscriptions, 3,000-character messages, never read): closed {close} '{slow.CloseStatusDescription}'");
        Assert.Equal(4008, close);
        Assert.All(fast, c => Assert.Equal(["stopped"], c.Endings.Select(e => e[(e.IndexOf(' ', StringComparison.Ordinal) + 1)..])));
    }
}
