using Chatt.Faults.Tests.Harness;

namespace Chatt.Faults.Tests.Faults;

/// <summary>nats-server stopped and started again (same port) under a steady stream through both instances.</summary>
public sealed class NatsRestartTests : IAsyncLifetime
{
    private readonly ProcessCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task While_NATS_is_stopped_and_restarted_mid_stream_every_client_on_either_instance_ends_with_every_message_once_in_order_without_reconnecting()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var room = await Room.CreateAsync(_cluster, "alice", "bob", "carol");
        StreamClient[] clients = [room.Client("alice", a, b), room.Client("bob", a, b), room.Client("carol", a, b),
            room.Client("alice", b, a), room.Client("bob", b, a), room.Client("carol", b, a)];
        Poster[] posters = [room.Poster("alice", TimeSpan.FromMilliseconds(15), a, b), room.Poster("bob", TimeSpan.FromMilliseconds(15), b, a)];
        await using var run = await StreamRun.StartAsync(room.ConversationId, clients, posters);

        await run.FlowAsync(50);
        await _cluster.Nats.StopAsync();
        await run.FlowAsync(50);
        await _cluster.Nats.StartAgainAsync(TestContext.Current.CancellationToken);
        await run.FlowAsync(50);
        var report = await run.FinishAsync(room.Endpoints("carol", b)[0]);

        report.AssertNothingLost("nats-server stopped and restarted");
        Assert.All(clients, c => Assert.Equal(0, c.Reconnects));
    }
}
