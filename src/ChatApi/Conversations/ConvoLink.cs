namespace Chatt.ChatApi.Conversations;

/// <summary>
/// Membership: one link per (conversation, user), never two. Removing a member (or leaving) does not delete the
/// link: it stays as a tombstone with <see cref="RemovedAt"/> set, so a client catching up by rev learns of the
/// removal; adding the user again revives the same link (same id and CreatedAt, new role and rev).
/// A link with <see cref="RemovedAt"/> set is NOT a member: every store read about membership leaves it out,
/// except the reads that say they return tombstones.
/// <see cref="Rev"/> is the conversation rev of the link's latest change (added, removed, role changed); the
/// links a conversation is created with carry rev 1.
/// </summary>
public sealed record ConvoLink
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public ConvoRole Role { get; init; }
    public DateTimeOffset? RemovedAt { get; init; }
    public long Rev { get; init; }
}
