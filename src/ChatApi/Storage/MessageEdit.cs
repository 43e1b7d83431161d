namespace Chatt.ChatApi.Storage;

/// <summary>
/// A validated edit of a message's content. <see cref="ExpectedRev"/>, when set, must equal the message's current
/// Rev (else CONFLICT: someone changed it meanwhile). <see cref="MentionIds"/>/<see cref="MentionsAll"/> are the
/// new content's mentions, resolved by the caller; they replace the old ones.
/// </summary>
public sealed record MessageEdit
{
    public required string MessageId { get; init; }
    public required string Content { get; init; }
    public long? ExpectedRev { get; init; }
    public IReadOnlyList<string> MentionIds { get; init; } = [];
    public bool MentionsAll { get; init; }
    public required DateTimeOffset At { get; init; }
}
