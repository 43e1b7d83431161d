using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.Common;

/// <summary>Limits of the chat domain, bound from the <c>Chat</c> configuration section and checked at start.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Longest message content in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Longest conversation name in characters.</summary>
    [Range(1, 1000)]
    public int MaxConversationNameLength { get; set; } = 100;

    /// <summary>Most members a conversation may be created with.</summary>
    [Range(1, 10_000)]
    public int MaxMembersPerConversation { get; set; } = 500;

    /// <summary>Most distinct emoji on one message; a new kind beyond it is refused (each kind keeps its reactors on the message).</summary>
    [Range(1, 1000)]
    public int MaxReactionKindsPerMessage { get; set; } = 50;

    /// <summary>Most distinct users one message may mention.</summary>
    [Range(1, 10_000)]
    public int MaxMentionsPerMessage { get; set; } = 50;
}
