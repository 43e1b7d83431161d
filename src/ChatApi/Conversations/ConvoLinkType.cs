using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Users;
using Chatt.ChatApi.Live;
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
        Field<NonNullGraphType<ConvoRoleType>>("role").Resolve(c => c.Source.Role);
        Field<StringGraphType>("removedAt").Description("Set when the member left or was removed: the link stays as a tombstone for catch-up.")
            .Resolve(c => c.Source.RemovedAt is { } at ? Timestamps.ToText(at) : null);
        Field<NonNullGraphType<IntGraphType>>("rev").Description("The conversation rev of this link's latest change.").Resolve(c => (int)c.Source.Rev);
        this.MarkShareable("id", "user", "convoLinkUserId", "conversation", "convoLinkConversationId", "createdAt", "updatedAt", "role", "removedAt", "rev");
    }
}
