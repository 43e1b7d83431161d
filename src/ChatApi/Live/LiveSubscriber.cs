using System.Security.Claims;
using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One running live subscription: who it is for, where its payloads go, and the render group that turns its events
/// into JSON. Its per-caller fields are answered here from the conversation feeds' memory (<see cref="ICallerView"/>).
/// Everything it is handed goes through the group's queue, so an ending is delivered after the events before it.
/// </summary>
public sealed class LiveSubscriber(string userId, ClaimsPrincipal user, ISubscriptionSink sink, RenderGroup group, LiveFeeds feeds) : ICallerView
{
    private int _ended;

    public string UserId { get; } = userId;

    public ClaimsPrincipal User { get; } = user;

    public RenderGroup Group { get; } = group;

    /// <summary>False once it ended or its client stopped it: nothing more reaches the sink.</summary>
    public bool Active => Volatile.Read(ref _ended) == 0;

    /// <summary>Queues one event for this subscriber; <paramref name="renderAs"/> is a recipient that may render it for everyone (default: this one).</summary>
    /// <paramref name="asOf"/> bounds its per-caller counts to the messages known when it was delivered.
    public void Deliver(object liveEvent, LiveSubscriber? renderAs = null, SeqBound? asOf = null) => Group.Enqueue(liveEvent, this, renderAs ?? this, asOf);

    /// <summary>Set by the render group while this subscriber's copy of one event is written (one writer per group).</summary>
    internal SeqBound? WritingAsOf { get; set; }

    /// <summary>Ends the subscription after what is queued: with the error (e.g. FORBIDDEN once removed), or completed.</summary>
    public void End(Exception? error) => Group.EnqueueEnd(this, error);

    /// <summary>The client went away: nothing more is sent, and no end either.</summary>
    public void Stop() => Interlocked.Exchange(ref _ended, 1);

    internal void Send(ReadOnlySpan<byte> payload)
    {
        if (Active)
        {
            sink.Next(payload);
        }
    }

    internal void Finish(Exception? error, ExecutionErrorMapper errors)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
        {
            return;
        }

        if (error is null)
        {
            sink.Complete();
        }
        else
        {
            sink.Error([errors.Map(error)]);
        }
    }

    public int UnreadCount(string conversationId) => feeds.Find(conversationId)?.UnreadCount(UserId, Through(conversationId)) ?? 0;

    public int UnreadMentionCount(string conversationId) => feeds.Find(conversationId)?.UnreadMentionCount(UserId, Through(conversationId)) ?? 0;

    private long Through(string conversationId) =>
        WritingAsOf is { } bound && bound.ConversationId == conversationId ? bound.Seq : long.MaxValue;

    public string Role(string conversationId) => feeds.Find(conversationId)?.RoleName(UserId) ?? "MEMBER";
}

/// <summary>The newest message seq of a conversation when an event was delivered: per-caller counts stop there.</summary>
public readonly record struct SeqBound(string ConversationId, long Seq);
