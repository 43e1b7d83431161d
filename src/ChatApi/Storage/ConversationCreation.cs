using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// A conversation as the store holds it after a create: stamped with rev 1 (<c>LastRev = Rev = 1</c>), with its
/// current links (each with rev 1 and its role). <see cref="Created"/> is false when a find-or-create found an
/// existing direct conversation; then the records are the stored ones.
/// </summary>
public sealed record ConversationCreation(Conversation Conversation, IReadOnlyList<ConvoLink> Links, bool Created);
