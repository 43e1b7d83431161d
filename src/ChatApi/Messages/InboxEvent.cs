using Chatt.ChatApi.Conversations;

namespace Chatt.ChatApi.Messages;

/// <summary>One change to the caller's conversation list: a new message, or being added to a conversation.</summary>
public sealed record InboxEvent(string ConversationId, Message? Message, ConvoLink? Link);
