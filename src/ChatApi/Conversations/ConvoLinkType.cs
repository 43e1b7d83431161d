using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

public sealed class ConvoLinkType : ObjectGraphType<ConvoLink>
{
    public ConvoLinkType()
    {
        Name = "ConvoLink";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<UserType>>("user").Resolve(c => c.LoadUser(c.Source.UserId));
        Field<IdGraphType>("convoLinkUserId").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<ConversationType>>("conversation").Resolve(c => c.LoadConversation(c.Source.ConversationId));
        Field<NonNullGraphType<IdGraphType>>("convoLinkConversationId").Resolve(c => c.Source.ConversationId);
        Field<StringGraphType>("createdAt").Resolve(c => Timestamps.ToText(c.Source.CreatedAt));
        Field<StringGraphType>("updatedAt").Resolve(c => Timestamps.ToText(c.Source.UpdatedAt));
    }
}
