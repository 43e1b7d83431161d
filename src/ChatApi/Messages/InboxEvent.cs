using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// One change to the caller's conversation list: a new message, being added to a conversation, or (opted in through
/// <c>onInbox(kinds)</c>) an edit, deletion, reaction, removal or rename, with the rev it took.
/// </summary>
public sealed record InboxEvent(string ConversationId, Message? Message, ConvoLink? Link, ChangeKind Kind = ChangeKind.MessageCreated, long? Rev = null);
