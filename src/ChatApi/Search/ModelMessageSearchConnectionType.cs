using Chatt.ChatApi.GraphQL.Types;

namespace Chatt.ChatApi.Search;

public sealed class ModelMessageSearchConnectionType() : ConnectionType<MessageSearchHitType, MessageSearchHit>("ModelMessageSearchConnection");
