namespace Chatt.ChatApi.Messages;

/// <summary>
/// A message. <see cref="Seq"/> is gap-free and increasing within its conversation, assigned by the store
/// on append. <see cref="Id"/> may be client-supplied (idempotency key). <see cref="ClientCreatedAt"/> is
/// whatever the client said its clock read; <see cref="CreatedAt"/> is the server's time.
/// <para>
/// <see cref="Rev"/> is the conversation rev of the message's latest change (created, edited, deleted, reaction
/// added or removed). A deleted message is a tombstone: Id, Seq, AuthorId, CreatedAt stay, <see cref="Content"/>
/// is empty and <see cref="Reactions"/>, <see cref="MentionIds"/> are empty. <see cref="MentionIds"/> are the
/// resolved user ids the content mentions; <see cref="MentionsAll"/> is an <c>@all</c>/<c>@here</c>.
/// <see cref="Reactions"/> are the totals with their reactors, in the order each emoji was first used.
/// </para>
/// Compares by value, lists included (a record alone would compare the lists by reference).
/// </summary>
public sealed record Message
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string AuthorId { get; init; }
    public required string Content { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public string? ClientCreatedAt { get; init; }
    public long Rev { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
    public string? DeletedBy { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<string> MentionIds { get; init; } = [];
    public bool MentionsAll { get; init; }
    public IReadOnlyList<ReactionGroup> Reactions { get; init; } = [];

    public bool Equals(Message? other) =>
        other is not null
        && Id == other.Id && ConversationId == other.ConversationId && AuthorId == other.AuthorId && Content == other.Content
        && Seq == other.Seq && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt && ClientCreatedAt == other.ClientCreatedAt
        && Rev == other.Rev && EditedAt == other.EditedAt && DeletedAt == other.DeletedAt && DeletedBy == other.DeletedBy
        && ReplyToId == other.ReplyToId && MentionsAll == other.MentionsAll
        && MentionIds.SequenceEqual(other.MentionIds) && Reactions.SequenceEqual(other.Reactions);

    public override int GetHashCode() => HashCode.Combine(Id, Rev, Seq);
}
