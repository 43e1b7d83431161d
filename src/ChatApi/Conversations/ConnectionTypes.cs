using Chatt.ChatApi.GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

public sealed class ModelConvoLinkConnectionType() : ConnectionType<ConvoLinkType, ConvoLink>("ModelConvoLinkConnection");

public sealed class ModelConvoConnectionType() : ConnectionType<ConversationType, Conversation>("ModelConvoConnection");
