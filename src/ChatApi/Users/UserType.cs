using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Live;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Users;

/// <summary>
/// <c>type User</c>. Anyone signed in sees id, username and times; <c>conversations</c> and <c>messages</c>
/// belong to that user alone (FORBIDDEN for anyone else).
/// </summary>
public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("username").Resolve(c => c.Source.Username);

        Field<ModelConvoLinkConnectionType>("conversations")
            .ListArgs<User, object, ModelConvoLinkFilterInputType>()
            .ResolveAsync(async c =>
            {
                await RequireSelfAsync(c);
                var page = c.ReadPage("user-links", ModelConvoLinkFilterInputType.Filterable);
                return (await c.Service<ConversationService>().ListLinksOfUserAsync(c.Source.Id, page, c.CancellationToken)).ToConnection(page, "user-links");
            });

        Field<ModelMessageConnectionType>("messages")
            .ListArgs<User, object, ModelMessageFilterInputType>()
            .ResolveAsync(async c =>
            {
                await RequireSelfAsync(c);
                var page = c.ReadPage("user-messages", ModelMessageFilterInputType.Filterable);
                return (await c.Service<MessageService>().ListOfAuthorAsync(c.Source.Id, page, c.CancellationToken)).ToConnection(page, "user-messages");
            });

        Field<StringGraphType>("createdAt").Resolve(c => Timestamps.ToText(c.Source.CreatedAt));
        Field<StringGraphType>("updatedAt").Resolve(c => Timestamps.ToText(c.Source.UpdatedAt));

        // conversations and messages belong to the user alone: not marked, so a selection with them runs per caller.
        this.MarkShareable("id", "username", "createdAt", "updatedAt");
    }

    private static async Task RequireSelfAsync(IResolveFieldContext<User> context)
    {
        if (await context.GetCallerIdAsync() != context.Source.Id)
        {
            throw ChatException.Forbidden("Only the user themself can list their conversations and messages.");
        }
    }
}
