using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Events;

/// <summary>Something that happened after a commit. Events are facts: they carry the committed records.</summary>
public abstract record ChatEvent;

/// <summary>Published on <see cref="Topic.Conversation"/> of the message's conversation.</summary>
public sealed record MessageCreated(Message Message) : ChatEvent;

/// <summary>Published on <see cref="Topic.User"/> of the user who was linked (created or added to a conversation).</summary>
public sealed record UserLinked(ConvoLink Link, Conversation Conversation) : ChatEvent;

/// <summary>Published on <see cref="Topic.Users"/> when a user record is created.</summary>
public sealed record UserCreated(User User) : ChatEvent;

/// <summary>
/// Not published by anyone: a bus delivers it to every local listener when its connection to the shared bus
/// comes back. Events published meanwhile may have been lost, so listeners that can catch up from the store
/// (the message feeds, by seq) do so now instead of waiting for the next event to reveal the gap.
/// </summary>
public sealed record BusResumed : ChatEvent
{
    public static BusResumed Instance { get; } = new();
}
