using System.Buffers;
using System.ComponentModel.DataAnnotations;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.InProcess;
using Chatt.ChatApi.Events.Nats;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Typing;
using Chatt.ChatApi.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Tests.Typing;

/// <summary>The typing parts that need no server: the wire form, the throttle's decisions, the stream's membership repair, the options' rule.</summary>
public sealed class TypingUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 17, 0, 0, TimeSpan.Zero);

    private static TypingChanged Typing(string userId, bool typing, DateTimeOffset at, string conversationId = "c1") =>
        new(conversationId, new User { Id = userId, Subject = "", Username = "name-" + userId, CreatedAt = T0, UpdatedAt = T0 }, typing, at,
            typing ? at + TimeSpan.FromSeconds(5) : at);

    private static TypingThrottle Throttle() => new(Options.Create(new TypingOptions { Throttle = TimeSpan.FromSeconds(2), Expiry = TimeSpan.FromSeconds(5) }));

    [Fact]
    public void A_typing_event_reads_back_equal_from_its_wire_form_under_its_own_tag()
    {
        var written = Typing("u1", true, T0.AddTicks(1234567));
        var buffer = new ArrayBufferWriter<byte>();
        ChatEventCodec.Instance.Serialize(buffer, written);

        var read = ChatEventCodec.Instance.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal((byte)'T', buffer.WrittenSpan[0]);
        Assert.Equal(written, read);
    }

    [Fact]
    public void Typing_has_its_own_bus_subject_beside_the_conversations()
    {
        Assert.Equal("chatt.typing.c1", Topic.Typing("c1").Subject);
        Assert.NotEqual(Topic.Conversation("c1"), Topic.Typing("c1"));
    }

    [Fact]
    public void The_throttle_absorbs_a_true_within_its_window_and_lets_a_refresh_after_it_a_stop_and_a_restart_through()
    {
        var throttle = Throttle();
        var first = Typing("u1", true, T0);
        Assert.True(throttle.TryRecord(first, out _));

        Assert.Same(first, throttle.Covering("u1", "c1", true, T0.AddSeconds(1.9)));
        Assert.Null(throttle.Covering("u2", "c1", true, T0.AddSeconds(1)));
        Assert.Null(throttle.Covering("u1", "c2", true, T0.AddSeconds(1)));
        Assert.Null(throttle.Covering("u1", "c1", false, T0.AddSeconds(1)));
        Assert.Null(throttle.Covering("u1", "c1", true, T0.AddSeconds(2)));

        Assert.True(throttle.TryRecord(Typing("u1", false, T0.AddSeconds(1)), out _));
        Assert.Null(throttle.Covering("u1", "c1", true, T0.AddSeconds(1.1)));
    }

    [Fact]
    public void Of_two_racing_trues_only_the_first_is_recorded_and_the_second_learns_which_one_covers_it()
    {
        var throttle = Throttle();
        var first = Typing("u1", true, T0);
        Assert.True(throttle.TryRecord(first, out _));

        Assert.False(throttle.TryRecord(Typing("u1", true, T0.AddMilliseconds(5)), out var covering));
        Assert.Same(first, covering);
    }

    [Fact]
    public void The_throttle_forgets_pairs_whose_window_has_passed_as_it_grows()
    {
        var throttle = Throttle();
        for (var i = 0; i < 5000; i++)
        {
            throttle.TryRecord(Typing("u" + i, true, T0.AddSeconds(i * 0.01)), out _);
        }

        // Only the pairs of the last throttle window (2 s = 200 users here) and what came since the last sweep remain.
        Assert.InRange(throttle.Count, 200, 1024);
    }

    [Fact]
    public void A_throttle_of_more_than_half_the_expiry_is_refused_at_start()
    {
        var wrong = new TypingOptions { Throttle = TimeSpan.FromSeconds(3), Expiry = TimeSpan.FromSeconds(5) };
        var right = new TypingOptions();

        Assert.False(Validator.TryValidateObject(wrong, new ValidationContext(wrong), [], validateAllProperties: true));
        Assert.True(Validator.TryValidateObject(right, new ValidationContext(right), [], validateAllProperties: true));
    }

    [Fact]
    public async Task A_watcher_whose_removal_was_lost_on_the_bus_is_ended_FORBIDDEN_when_the_next_rev_reveals_the_gap()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var member = true;
        var reads = 0;
        var stream = new TypingStream(bus, "c1", "watcher", _ =>
        {
            Interlocked.Increment(ref reads);
            return Task.FromResult<long?>(member ? 10 : null);
        }, TimeProvider.System, NullLogger<TypingStream>.Instance);
        var observer = new Recorder();
        using var subscription = stream.Subscribe(observer);
        await Eventually.HoldsAsync(() => Volatile.Read(ref reads) == 1, "the stream reads the membership once it listens");

        await bus.PublishAsync(Topic.Typing("c1"), Typing("typist", true, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        await bus.PublishAsync(Topic.Conversation("c1"), Renamed(11), TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref reads));

        // Rev 12, the watcher's removal, never arrives; the store already says so.
        member = false;
        await bus.PublishAsync(Topic.Conversation("c1"), Renamed(13), TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => observer.Error is not null, "the stream ends once the gap made it read the membership");
        await bus.PublishAsync(Topic.Typing("c1"), Typing("typist", false, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        Assert.Equal(ErrorCodes.Forbidden, Assert.IsType<ChatException>(observer.Error).Code);
        Assert.Equal([true], observer.Values.Select(v => v.Typing));
    }

    [Fact]
    public async Task A_typist_removed_while_typing_gets_a_final_stop_and_their_late_start_is_dropped()
    {
        var bus = new InProcessEventBus(NullLogger<InProcessEventBus>.Instance);
        var stream = new TypingStream(bus, "c1", "watcher", _ => Task.FromResult<long?>(1), TimeProvider.System, NullLogger<TypingStream>.Instance);
        var observer = new Recorder();
        using var subscription = stream.Subscribe(observer);
        var setBeforeRemoval = DateTimeOffset.UtcNow;
        await bus.PublishAsync(Topic.Typing("c1"), Typing("typist", true, setBeforeRemoval), TestContext.Current.CancellationToken);

        await bus.PublishAsync(Topic.Conversation("c1"), Removed("typist", 2, setBeforeRemoval.AddMilliseconds(10)), TestContext.Current.CancellationToken);
        await bus.PublishAsync(Topic.Typing("c1"), Typing("typist", true, setBeforeRemoval.AddMilliseconds(5)), TestContext.Current.CancellationToken);

        Assert.Equal([true, false], observer.Values.Select(v => v.Typing));
        Assert.All(observer.Values, v => Assert.Equal("typist", v.User.Id));
        Assert.Null(observer.Error);
    }

    private static Conversation Conversation(long rev) => new()
    {
        Id = "c1",
        Name = "room",
        CreatedBy = "owner",
        CreatedAt = T0,
        UpdatedAt = T0,
        LastActivityAt = T0,
        LastRev = rev,
    };

    private static ConversationChanged Renamed(long rev) =>
        new("c1", ChangeKind.ConversationUpdated, rev, DateTimeOffset.UtcNow, "owner", Conversation(rev));

    private static ConversationChanged Removed(string userId, long rev, DateTimeOffset at) =>
        new("c1", ChangeKind.MemberRemoved, rev, at, "owner", Conversation(rev),
            Link: new ConvoLink { Id = "l-" + userId, UserId = userId, ConversationId = "c1", CreatedAt = T0, UpdatedAt = at, RemovedAt = at, Rev = rev });

    private sealed class Recorder : IObserver<object?>
    {
        private readonly List<TypingChanged> _values = [];

        public IReadOnlyList<TypingChanged> Values
        {
            get
            {
                lock (_values)
                {
                    return [.. _values];
                }
            }
        }

        public Exception? Error { get; private set; }

        public void OnNext(object? value)
        {
            lock (_values)
            {
                _values.Add((TypingChanged)value!);
            }
        }

        public void OnError(Exception error) => Error = error;

        public void OnCompleted()
        {
        }
    }
}
