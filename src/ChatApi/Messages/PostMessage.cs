namespace Chatt.ChatApi.Messages;

/// <summary>What a client asks to post, as it arrived (not yet validated).</summary>
public sealed record PostMessage
{
    public string? Id { get; init; }
    public required string ConversationId { get; init; }
    public string? AuthorId { get; init; }
    public required string Content { get; init; }
    public string? ClientCreatedAt { get; init; }
    public string? ReplyToId { get; init; }
}
