namespace Chatt.ChatApi.Conversations;

/// <summary>Membership: one link per (conversation, user), never two.</summary>
public sealed record ConvoLink
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string ConversationId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
