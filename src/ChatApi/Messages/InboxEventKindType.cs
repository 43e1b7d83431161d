using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

public sealed class InboxEventKindType : EnumerationGraphType<InboxEventKind>
{
    public InboxEventKindType()
    {
        Name = "InboxEventKind";
        Description = "What onInbox(kinds) carries. MENTIONED adds new or edited messages that mention the caller (delivered with their own kind).";
    }
}
