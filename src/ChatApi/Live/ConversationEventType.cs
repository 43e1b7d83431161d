using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.Live;

/// <summary><c>type ConversationEvent</c>: one change with the state after it. Every field is the same for every member (shareable).</summary>
public sealed class ConversationEventType : ObjectGraphType<ConversationEvent>
{
    public ConversationEventType()
    {
        Name = "ConversationEvent";
        Description = "One committed change of a conversation, carrying the state after it. prevRev is the rev this event directly follows on the stream.";
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(c => c.Source.ConversationId);
        Field<NonNullGraphType<ConversationEventKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<IntGraphType>>("rev").Resolve(c => (int)c.Source.Rev);
        Field<NonNullGraphType<IntGraphType>>("prevRev").Resolve(c => (int)c.Source.PrevRev);
        Field<StringGraphType>("at").Resolve(c => Timestamps.ToText(c.Source.At));
        Field<UserType>("actor").Resolve(c => string.IsNullOrEmpty(c.Source.ActorId) ? null : c.LoadUser(c.Source.ActorId));
        Field<MessageType>("message").Description("MESSAGE_* and REACTION_*: the message after the change (reactions with all totals).").Resolve(c => c.Source.Message);
        Field<ConvoLinkType>("link").Description("MEMBER_*: the link after the change (a removal's tombstone).").Resolve(c => c.Source.Link);
        Field<NonNullGraphType<ConversationType>>("conversation").Description("The conversation after the change.").Resolve(c => c.Source.Conversation);
        Field<StringGraphType>("emoji").Description("REACTION_*: the emoji that changed.").Resolve(c => c.Source.Emoji);
        this.MarkShareable("conversationId", "kind", "rev", "prevRev", "at", "actor", "message", "link", "conversation", "emoji");
    }
}
