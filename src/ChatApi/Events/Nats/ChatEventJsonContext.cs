using System.Text.Json.Serialization;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>Source-generated (reflection-free) JSON for the records that travel inside events.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(UserLinked))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(ConversationChanged))]
[JsonSerializable(typeof(ReadMarkMoved))]
[JsonSerializable(typeof(UserUnlinked))]
[JsonSerializable(typeof(TypingChanged))]
internal sealed partial class ChatEventJsonContext : JsonSerializerContext;
