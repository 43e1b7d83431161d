using Chatt.ChatApi.Common;
using Chatt.ChatApi.Tests.Live;
using Chatt.ChatApi.Tests.Schema;
using static Chatt.ChatApi.Tests.Typing.TypingOperations;

namespace Chatt.ChatApi.Tests.Typing;

/// <summary>
/// Two ChatApi instances on one SQLite file and one real nats-server: typing set through one instance reaches
/// watchers on the other, and a removal made through one ends typing and watching on the other.
/// </summary>
public sealed class TypingAcrossInstancesTests : IAsyncLifetime
{
    private readonly TwoInstanceCluster _cluster = new();

    public ValueTask InitializeAsync() => _cluster.InitializeAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Typing_set_through_one_instance_reaches_a_watcher_on_the_other_and_a_removal_through_it_ends_both()
    {
        var room = await Room.CreateAsync(_cluster.B, 2);
        var (typist, typistId) = room.Members[0];
        var (watcherOnB, watcherId) = room.Members[1];
        var watcher = new ChatUser(_cluster.A, watcherOnB.Name);
        await using var socket = await GraphQLSocket.ConnectAsync(_cluster.A.WebSocketUri, watcher.Token);
        var watching = await socket.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(typist, room.Id, socket, watching);

        var set = await SetAsync(typist, room.Id, typing: true);
        var started = await NextTypingAsync(socket, watching);
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = typistId });
        var final = await NextTypingAsync(socket, watching);
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = watcherId });

        Assert.True(started.GetProperty("typing").GetBoolean());
        Assert.Equal(typist.Name, started.GetProperty("user").GetProperty("username").GetString());
        Assert.Equal(set.GetProperty("expiresAt").GetString(), started.GetProperty("expiresAt").GetString());
        Assert.False(final.GetProperty("typing").GetBoolean());
        Assert.Equal(typistId, final.GetProperty("user").GetProperty("id").GetString());
        Assert.True(
            Timestamps.Parse(final.GetProperty("expiresAt").GetString()!) < Timestamps.Parse(set.GetProperty("expiresAt").GetString()!),
            "the stop is the removal's, not the expiry's");
        Assert.Equal("FORBIDDEN", await EndingCodeAsync(socket, watching));
    }
}
