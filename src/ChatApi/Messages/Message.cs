namespace Chatt.ChatApi.Messages;

/// <summary>
/// A message. <see cref="Seq"/> is gap-free and increasing within its conversation, assigned by the store
/// on append. <see cref="Id"/> may be client-supplied (idempotency key). <see cref="ClientCreatedAt"/> is
/// whatever the client said its clock read; <see cref="CreatedAt"/> is the server's time.
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
}
