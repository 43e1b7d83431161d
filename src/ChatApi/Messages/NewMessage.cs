namespace Chatt.ChatApi.Messages;

/// <summary>A validated message to append; the store assigns its seq.</summary>
public sealed record NewMessage
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string AuthorId { get; init; }
    public required string Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClientCreatedAt { get; init; }
}
