namespace Chatt.ChatApi.Live;

/// <summary>A per-caller field's value for one subscriber: an int, a bool or a string (an enum's GraphQL name).</summary>
public delegate object CallerValue(ICallerView caller);

/// <summary>What a per-caller field may ask about its subscriber, answered from memory (never the store).</summary>
public interface ICallerView
{
    string UserId { get; }

    /// <summary>Messages from others after the caller's read mark in a conversation the subscription follows.</summary>
    int UnreadCount(string conversationId);

    int UnreadMentionCount(string conversationId);

    /// <summary>The caller's role there, as its GraphQL enum name.</summary>
    string Role(string conversationId);
}
