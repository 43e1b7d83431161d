using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// The outcome of an append. <see cref="Created"/> is false when a message with the same id already existed
/// (an idempotent retry); then <see cref="Message"/> is the stored one, whoever wrote it — the caller checks the author.
/// <see cref="Conversation"/> is the conversation right after the append (its LastSeq and LastRev are the message's)
/// when Created is true, and null otherwise.
/// </summary>
public readonly record struct AppendResult(Message Message, bool Created, Conversation? Conversation = null);
