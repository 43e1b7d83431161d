using Chatt.ChatApi.GraphQL.Types;

namespace Chatt.ChatApi.Messages;

public sealed class ModelMessageConnectionType() : ConnectionType<MessageType, Message>("ModelMessageConnection");
