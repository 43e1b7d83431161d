using Chatt.ChatApi.Events;
using GraphQL.Types;

namespace Chatt.ChatApi.Live;

public sealed class ConversationEventKindType : EnumerationGraphType<ChangeKind>
{
    public ConversationEventKindType()
    {
        Name = "ConversationEventKind";
        Description = "What a change recorded. A replayed or repaired change is read from the record's current state: a tombstone is MESSAGE_DELETED or MEMBER_REMOVED, an edited message MESSAGE_EDITED, any other message MESSAGE_CREATED, a link MEMBER_ADDED, the conversation CONVERSATION_UPDATED.";
    }
}
