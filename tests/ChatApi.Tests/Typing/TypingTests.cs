using Chatt.ChatApi.Common;
using Chatt.ChatApi.Tests.Schema;
using static Chatt.ChatApi.Tests.Typing.TypingOperations;

namespace Chatt.ChatApi.Tests.Typing;

/// <summary><c>setTyping</c> over HTTP, <c>onTyping</c> over WebSocket: who is typing, throttled, expiring, members only.</summary>
public sealed class TypingTests(TypingHost host) : IClassFixture<TypingHost>
{
    [Fact]
    public async Task A_member_sees_another_member_start_and_stop_typing_but_never_their_own_typing()
    {
        var room = await Room.CreateAsync(host, 1);
        var (typist, typistId) = room.Members[0];
        await using var watcher = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        await using var own = await GraphQLSocket.ConnectAsync(host.WebSocketUri, typist.Token);
        var watching = await watcher.SubscribeAsync(OnTyping, new { c = room.Id });
        var ownWatching = await own.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(typist, room.Id, watcher, watching);

        var set = await SetAsync(typist, room.Id, typing: true);
        var started = await NextTypingAsync(watcher, watching);
        await SetAsync(typist, room.Id, typing: false);
        var stopped = await NextTypingAsync(watcher, watching);

        Assert.True(set.GetProperty("typing").GetBoolean());
        Assert.Equal(room.Id, started.GetProperty("conversationId").GetString());
        Assert.Equal(typistId, started.GetProperty("user").GetProperty("id").GetString());
        Assert.Equal(typist.Name, started.GetProperty("user").GetProperty("username").GetString());
        Assert.True(started.GetProperty("typing").GetBoolean());
        Assert.Equal(set.GetProperty("expiresAt").GetString(), started.GetProperty("expiresAt").GetString());
        var expiresIn = Timestamps.Parse(started.GetProperty("expiresAt").GetString()!) - DateTimeOffset.UtcNow;
        Assert.InRange(expiresIn, TimeSpan.Zero, TypingHost.Expiry);
        Assert.False(stopped.GetProperty("typing").GetBoolean());
        Assert.Equal(typistId, stopped.GetProperty("user").GetProperty("id").GetString());
        Assert.True(await own.StaysQuietAsync(ownWatching, TimeSpan.FromMilliseconds(500)), "the typist's own typing is not echoed to them");
    }

    [Fact]
    public async Task Typing_true_again_within_the_throttle_is_published_once_while_a_stop_always_goes_out()
    {
        var room = await Room.CreateAsync(host, 1);
        var typist = room.Members[0].User;
        await using var watcher = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        var watching = await watcher.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(typist, room.Id, watcher, watching);

        var first = await SetAsync(typist, room.Id, typing: true);
        var again = await SetAsync(typist, room.Id, typing: true);
        var heard = await NextTypingAsync(watcher, watching);
        Assert.True(await watcher.StaysQuietAsync(watching, TimeSpan.FromMilliseconds(500)), "the second true within the throttle is absorbed");

        await SetAsync(typist, room.Id, typing: false);
        var stop = await NextTypingAsync(watcher, watching);
        await SetAsync(typist, room.Id, typing: true);
        var restart = await NextTypingAsync(watcher, watching);

        Assert.Equal(first.GetProperty("expiresAt").GetString(), again.GetProperty("expiresAt").GetString());
        Assert.True(heard.GetProperty("typing").GetBoolean());
        Assert.False(stop.GetProperty("typing").GetBoolean());
        Assert.True(restart.GetProperty("typing").GetBoolean());
        Assert.True(
            Timestamps.Parse(restart.GetProperty("expiresAt").GetString()!) > Timestamps.Parse(first.GetProperty("expiresAt").GetString()!),
            "a true after a stop is a new indicator with its own expiry");
    }

    [Fact]
    public async Task A_typing_indicator_that_is_not_refreshed_ends_with_typing_false_at_its_expiry()
    {
        var room = await Room.CreateAsync(host, 1);
        var typist = room.Members[0].User;
        await using var watcher = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        var watching = await watcher.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(typist, room.Id, watcher, watching);

        var set = await SetAsync(typist, room.Id, typing: true);
        var started = await NextTypingAsync(watcher, watching);
        var lapsed = await NextTypingAsync(watcher, watching, TypingHost.Expiry + TimeSpan.FromSeconds(5));
        var lapsedSeen = DateTimeOffset.UtcNow;

        var expiresAt = Timestamps.Parse(set.GetProperty("expiresAt").GetString()!);
        Assert.True(started.GetProperty("typing").GetBoolean());
        Assert.False(lapsed.GetProperty("typing").GetBoolean());
        Assert.Equal(set.GetProperty("expiresAt").GetString(), lapsed.GetProperty("expiresAt").GetString());
        Assert.True(lapsedSeen >= expiresAt, $"the stop came at {lapsedSeen:O}, before the expiry {expiresAt:O}");
    }

    [Fact]
    public async Task A_typing_member_who_is_removed_shows_typing_false_at_once_and_the_removed_watchers_subscription_ends_FORBIDDEN()
    {
        var room = await Room.CreateAsync(host, 2);
        var (typist, typistId) = room.Members[0];
        var (removedWatcher, removedWatcherId) = room.Members[1];
        await using var watcher = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        await using var other = await GraphQLSocket.ConnectAsync(host.WebSocketUri, removedWatcher.Token);
        var watching = await watcher.SubscribeAsync(OnTyping, new { c = room.Id });
        var otherWatching = await other.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(typist, room.Id, watcher, watching);
        await ProbeUntilLiveAsync(typist, room.Id, other, otherWatching);
        await DrainAsync(watcher, watching);

        var set = await SetAsync(typist, room.Id, typing: true);
        Assert.True((await NextTypingAsync(watcher, watching)).GetProperty("typing").GetBoolean());
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = typistId });
        var final = await NextTypingAsync(watcher, watching, TimeSpan.FromSeconds(2));

        Assert.False(final.GetProperty("typing").GetBoolean());
        Assert.Equal(typistId, final.GetProperty("user").GetProperty("id").GetString());
        Assert.True(
            Timestamps.Parse(final.GetProperty("expiresAt").GetString()!) < Timestamps.Parse(set.GetProperty("expiresAt").GetString()!),
            "the stop is the removal's, not the expiry's");
        Assert.Equal("FORBIDDEN", await typist.ErrorCodeAsync(SetTyping, new { c = room.Id, typing = true }));

        await DrainAsync(other, otherWatching); // it saw the typist start and stop too
        await room.Owner.DataAsync(Room.RemoveMember, new { c = room.Id, u = removedWatcherId });
        Assert.Equal("FORBIDDEN", await EndingCodeAsync(other, otherWatching));
    }

    [Fact]
    public async Task Someone_outside_the_conversation_can_neither_set_typing_nor_watch_it_and_members_hear_nothing_of_them()
    {
        var room = await Room.CreateAsync(host, 1);
        var (outsider, _) = await ChatUser.SignInAsync(host, "outsider");
        await using var watcher = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);
        await using var intruder = await GraphQLSocket.ConnectAsync(host.WebSocketUri, outsider.Token);
        var watching = await watcher.SubscribeAsync(OnTyping, new { c = room.Id });
        await ProbeUntilLiveAsync(room.Members[0].User, room.Id, watcher, watching);

        Assert.Equal("FORBIDDEN", await outsider.ErrorCodeAsync(SetTyping, new { c = room.Id, typing = true }));
        Assert.True(await watcher.StaysQuietAsync(watching, TimeSpan.FromMilliseconds(500)), "a refused setTyping publishes nothing");
        var intruding = await intruder.SubscribeAsync(OnTyping, new { c = room.Id });
        Assert.Equal("FORBIDDEN", await ErrorFrameCodeAsync(intruder, intruding));
    }

    [Fact]
    public async Task A_malformed_conversation_id_is_BAD_USER_INPUT_and_an_unknown_one_FORBIDDEN_for_both_operations()
    {
        var (user, _) = await ChatUser.SignInAsync(host, "typist");
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, user.Token);

        Assert.Equal("BAD_USER_INPUT", await user.ErrorCodeAsync(SetTyping, new { c = "not an id!", typing = true }));
        Assert.Equal("FORBIDDEN", await user.ErrorCodeAsync(SetTyping, new { c = Guid.NewGuid().ToString("N"), typing = true }));
        Assert.Equal("BAD_USER_INPUT", await ErrorFrameCodeAsync(socket, await socket.SubscribeAsync(OnTyping, new { c = "not an id!" })));
        Assert.Equal("FORBIDDEN", await ErrorFrameCodeAsync(socket, await socket.SubscribeAsync(OnTyping, new { c = Guid.NewGuid().ToString("N") })));
    }

    [Fact]
    public async Task setTyping_without_its_typing_argument_is_refused_before_it_runs()
    {
        var room = await Room.CreateAsync(host, 0);

        var response = await room.Owner.SendAsync("mutation($c: ID!) { setTyping(conversationId: $c) { typing } }", new { c = room.Id });

        Assert.True(response.TryGetProperty("errors", out var errors), $"Expected an error, got {response}");
        Assert.Contains("typing", errors[0].GetProperty("message").GetString());
        Assert.False(response.TryGetProperty("data", out var data) && data.ValueKind != System.Text.Json.JsonValueKind.Null);
    }
}
