namespace Chatt.ChatApi.Messages;

/// <summary>
/// A validated message to append; the store assigns its seq and rev. <see cref="ReplyToId"/>, when set, must name a
/// message of the same conversation (the store refuses anything else with BAD_USER_INPUT); <see cref="MentionIds"/>
/// are already resolved to user ids by the caller.
/// </summary>
public sealed record NewMessage
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string AuthorId { get; init; }
    public required string Content { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? ClientCreatedAt { get; init; }
    public string? ReplyToId { get; init; }
    public IReadOnlyList<string> MentionIds { get; init; } = [];
    public bool MentionsAll { get; init; }

    /// <summary>
    /// The message as a store appends it, once its commit has moved the conversation's counters: it takes the
    /// conversation's new <c>LastSeq</c> and <c>LastRev</c>, and <paramref name="createdAt"/> (the store's precision).
    /// </summary>
    public Message Appended(Conversations.Conversation conversation, DateTimeOffset createdAt) => new()
    {
        Id = Id,
        ConversationId = ConversationId,
        AuthorId = AuthorId,
        Content = Content,
        Seq = conversation.LastSeq,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        ClientCreatedAt = ClientCreatedAt,
        Rev = conversation.LastRev,
        ReplyToId = ReplyToId,
        MentionIds = MentionIds.Distinct(StringComparer.Ordinal).ToArray(),
        MentionsAll = MentionsAll,
    };
}
