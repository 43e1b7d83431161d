using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// The outcome of a write that may turn out to be a no-op. <see cref="Value"/> is the record's state after the write
/// (its current state when nothing changed) and <see cref="Conversation"/> the conversation's, read in the same
/// transaction. When <see cref="Changed"/> is true the write took the rev <see cref="Rev"/>
/// (= <c>Conversation.LastRev</c> = the record's own <c>Rev</c>); when false nothing was written, no rev was
/// taken, and nothing should be published.
/// </summary>
public sealed record Change<T>(T Value, Conversation Conversation, bool Changed)
    where T : class
{
    /// <summary>The rev this write took, or null for a no-op.</summary>
    public long? Rev => Changed ? Conversation.LastRev : null;
}
