using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage;

/// <summary>One record of a replay: exactly one of the three is set, in its current state; <see cref="Rev"/> is its Rev.</summary>
public sealed record ChangedRecord(long Rev, Message? Message = null, ConvoLink? Link = null, Conversation? Conversation = null);
