namespace Chatt.ChatApi.Conversations;

/// <summary>
/// A conversation. <see cref="LastSeq"/> is the seq of its newest message (0 when empty) and
/// <see cref="LastActivityAt"/> the time of that message (or of creation); both move in the same
/// transaction that appends a message.
/// <para>
/// <see cref="LastRev"/> is the conversation's change counter: gap-free, 1 after creation, +1 in the same
/// transaction as every change to it, its messages or its links. <see cref="Rev"/> is the rev of the
/// conversation record's own latest change (1 for creation, then each rename), which is what a replay
/// after a rev looks at. <see cref="Direct"/> marks a one-to-one conversation: the store keeps at most one
/// per pair of users.
/// </para>
/// </summary>
public sealed record Conversation
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public long LastSeq { get; init; }
    public required DateTimeOffset LastActivityAt { get; init; }
    public long LastRev { get; init; }
    public long Rev { get; init; }
    public bool Direct { get; init; }
}
