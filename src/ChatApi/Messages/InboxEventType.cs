using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Live;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

public sealed class InboxEventType : ObjectGraphType<InboxEvent>
{
    public InboxEventType()
    {
        Name = "InboxEvent";
        Description = "A new message in one of the caller's conversations (message set), or the caller was added to a conversation (link set); with onInbox(kinds), also the chosen changes.";
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(c => c.Source.ConversationId);
        Field<NonNullGraphType<ConversationType>>("conversation").Resolve(c => c.LoadConversation(c.Source.ConversationId));
        Field<MessageType>("message").Resolve(c => c.Source.Message);
        Field<ConvoLinkType>("link").Resolve(c => c.Source.Link);
        Field<NonNullGraphType<ConversationEventKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<IntGraphType>("rev").Description("The rev the change took (a new message's latest rev).").Resolve(c => c.Source.Rev is { } rev ? (int)rev : null);
        this.MarkShareable("conversationId", "conversation", "message", "link", "kind", "rev");
    }
}
