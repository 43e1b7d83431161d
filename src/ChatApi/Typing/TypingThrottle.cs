using Chatt.ChatApi.Events;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Typing;

/// <summary>
/// This instance's memory of the last typing state it published per (user, conversation), which decides whether a
/// new <c>setTyping</c> goes out: a <c>true</c> within <see cref="TypingOptions.Throttle"/> of a published
/// <c>true</c> is absorbed (the earlier one still shows), anything else — a <c>false</c>, a change, a refresh after
/// the throttle — is published. Per instance on purpose: a user's sockets on two instances may each publish once per
/// throttle, which bounds the rate at a small multiple without a shared store on the hot path.
/// Entries older than the throttle serve no decision, so they are swept as the map grows.
/// </summary>
public sealed class TypingThrottle(IOptions<TypingOptions> options)
{
    private const int SweepThreshold = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string UserId, string ConversationId), TypingChanged> _lastPublished = [];
    private int _sweepAt = SweepThreshold;

    /// <summary>The published <c>true</c> that still covers a new <c>true</c> at <paramref name="now"/>, or null when it must go out.</summary>
    public TypingChanged? Covering(string userId, string conversationId, bool typing, DateTimeOffset now)
    {
        lock (_gate)
        {
            return Cover(userId, conversationId, typing, now);
        }
    }

    /// <summary>
    /// Records <paramref name="next"/> as published and returns true, unless a concurrent call published a covering
    /// <c>true</c> first: then that one is returned in <paramref name="covering"/> and nothing is recorded.
    /// </summary>
    public bool TryRecord(TypingChanged next, out TypingChanged? covering)
    {
        lock (_gate)
        {
            covering = Cover(next.User.Id, next.ConversationId, next.Typing, next.At);
            if (covering is not null)
            {
                return false;
            }

            _lastPublished[(next.User.Id, next.ConversationId)] = next;
            if (_lastPublished.Count >= _sweepAt)
            {
                Sweep(next.At);
            }

            return true;
        }
    }

    /// <summary>How many (user, conversation) pairs are remembered.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lastPublished.Count;
            }
        }
    }

    private TypingChanged? Cover(string userId, string conversationId, bool typing, DateTimeOffset now) =>
        typing && _lastPublished.TryGetValue((userId, conversationId), out var last) && last.Typing
        && now >= last.At && now - last.At < options.Value.Throttle
            ? last
            : null;

    private void Sweep(DateTimeOffset now)
    {
        var throttle = options.Value.Throttle;
        foreach (var (key, last) in _lastPublished)
        {
            if (now - last.At >= throttle)
            {
                _lastPublished.Remove(key);
            }
        }

        // Grow the threshold with what is still live, so a busy instance does not sweep on every call.
        _sweepAt = Math.Max(SweepThreshold, _lastPublished.Count * 2);
    }
}
