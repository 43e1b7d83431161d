using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.Typing;

/// <summary><c>type TypingEvent</c>: who started or stopped typing where, and until when it counts.</summary>
public sealed class TypingEventType : ObjectGraphType<TypingChanged>
{
    public TypingEventType()
    {
        Name = "TypingEvent";
        Field<NonNullGraphType<IdGraphType>>("conversationId").Resolve(c => c.Source.ConversationId);
        Field<NonNullGraphType<UserType>>("user").Description("Who is typing; carried by the event, so no lookup per subscriber.").Resolve(c => c.Source.User);
        Field<NonNullGraphType<BooleanGraphType>>("typing").Resolve(c => c.Source.Typing);
        Field<NonNullGraphType<StringGraphType>>("expiresAt")
            .Description("Until when a typing: true counts unless refreshed (the server then sends typing: false); for typing: false, when it stopped.")
            .Resolve(c => Timestamps.ToText(c.Source.ExpiresAt));
    }
}
