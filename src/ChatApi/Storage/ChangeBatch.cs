using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// One page of a conversation's replay after a rev, read from one consistent snapshot.
/// <list type="bullet">
/// <item><see cref="Items"/>: every message, link (tombstones included) and the conversation record whose current
/// rev is in (afterRev, <see cref="ThroughRev"/>], each once in its current state, in rev order (records sharing a
/// rev — only creation does that — by conversation, then links, then messages, ids ascending). A record changed
/// several times appears once, at its latest rev; the revs in between are not replayed separately.</item>
/// <item><see cref="ThroughRev"/>: after applying Items the reader is exactly up to date through this rev. When
/// <see cref="HasMore"/> is false it is the conversation's LastRev at the snapshot (live events continue after it);
/// otherwise it is the last item's rev and the next page starts after it. A page never splits one rev.</item>
/// <item><see cref="Conversation"/>: the conversation at the snapshot (null when it does not exist; then Items is empty).</item>
/// <item><see cref="ReplayFloor"/>: the lowest afterRev that replays exactly (see <see cref="IChatStore.GetReplayFloorAsync"/>).</item>
/// </list>
/// </summary>
public sealed record ChangeBatch(Conversation? Conversation, IReadOnlyList<ChangedRecord> Items, long ThroughRev, bool HasMore, long ReplayFloor);
