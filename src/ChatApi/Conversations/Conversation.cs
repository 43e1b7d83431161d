namespace Chatt.ChatApi.Conversations;

/// <summary>
/// A conversation. <see cref="LastSeq"/> is the seq of its newest message (0 when empty) and
/// <see cref="LastActivityAt"/> the time of that message (or of creation); both move in the same
/// transaction that appends a message.
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
}
