using Chatt.Faults.Tests.Harness;

namespace Chatt.Faults.Tests.Faults;

/// <summary>kill -9 of one ChatApi instance under a steady stream, its clients and a poster on it.</summary>
public sealed class InstanceKillTests : IAsyncLifetime
{
    private readonly ProcessCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task After_one_instance_is_killed_mid_stream_its_clients_reconnect_to_the_other_and_every_client_ends_with_every_acknowledged_message_once_in_order()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        var room = await Room.CreateAsync(_cluster, "alice", "bob", "carol");
        StreamClient[] onA = [room.Client("alice", a, b), room.Client("bob", a, b), room.Client("carol", a, b)];
        StreamClient[] onB = [room.Client("alice", b, a), room.Client("bob", b, a), room.Client("carol", b, a)];
        Poster[] posters = [room.Poster("alice", TimeSpan.FromMilliseconds(15), a, b), room.Poster("bob", TimeSpan.FromMilliseconds(15), b, a)];
        await using var run = await StreamRun.StartAsync(room.ConversationId, [.. onA, .. onB], posters);

        await run.FlowAsync(50);
        a.Kill();
        await run.FlowAsync(80);
        var report = await run.FinishAsync(room.Endpoints("carol", b)[0]);

        report.AssertNothingLost("kill -9 of instance a");
        Assert.All(onA, c => Assert.True(c.Reconnects >= 1, $"{c.Name} never reconnected: {string.Join("; ", c.Endings)}"));
        Assert.True(posters[0].Retries >= 1, "alice's poster never had to retry on b: the kill did not hit the stream");
    }
}
