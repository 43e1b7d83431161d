using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// <c>type Conversation</c> (the original's fields plus what a chat client needs: <c>lastMessage</c>,
/// <c>unreadCount</c>, <c>lastSeq</c>, <c>lastActivityAt</c>). Every list under it re-checks membership.
/// </summary>
public sealed class ConversationType : ObjectGraphType<Conversation>
{
    public ConversationType()
    {
        Name = "Conversation";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);

        Field<ModelMessageConnectionType>("messages")
            .ListArgs<Conversation, object, ModelMessageFilterInputType>()
            .Argument<IntGraphType>("afterSeq", "Only messages with a greater seq: what a client missed while disconnected.")
            .ResolveAsync(async c =>
            {
                var list = "conversation-messages:" + c.Source.Id;
                var page = c.ReadPage(list, ModelMessageFilterInputType.Filterable);
                var messages = await c.Service<MessageService>().ListAsync(await c.GetCallerIdAsync(), c.Source.Id, c.GetArgument<int?>("afterSeq"), page, c.CancellationToken);
                return messages.ToConnection(page, list);
            });

        Field<ModelConvoLinkConnectionType>("associated")
            .ListArgs<Conversation, object, ModelConvoLinkFilterInputType>()
            .ResolveAsync(async c =>
            {
                var list = "conversation-links:" + c.Source.Id;
                var page = c.ReadPage(list, ModelConvoLinkFilterInputType.Filterable);
                var links = await c.Service<ConversationService>().ListLinksAsync(await c.GetCallerIdAsync(), c.Source.Id, page, c.CancellationToken);
                return links.ToConnection(page, list);
            });

        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("members")
            .Description("Usernames of the members.")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var service = c.Service<ConversationService>();
                var links = await service.ListLinksAsync(callerId, c.Source.Id, new PageRequest(PageRequest.MaxLimit), c.CancellationToken);
                var users = await c.Service<IChatStore>().GetUsersAsync(links.Items.Select(l => l.UserId).ToArray(), c.CancellationToken);
                return users.Select(u => u.Username).ToArray();
            });

        Field<StringGraphType>("createdAt").Resolve(c => Timestamps.ToText(c.Source.CreatedAt));
        Field<StringGraphType>("updatedAt").Resolve(c => Timestamps.ToText(c.Source.UpdatedAt));

        Field<MessageType>("lastMessage")
            .ResolveAsync(async c => await c.Service<MessageService>().LastAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("unreadCount")
            .Description("Messages from others after the caller's read mark.")
            .ResolveAsync(async c => await c.Service<MessageService>().UnreadCountAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("lastSeq").Description("Seq of the newest message; 0 when empty.").Resolve(c => (int)c.Source.LastSeq);
        Field<StringGraphType>("lastActivityAt").Resolve(c => Timestamps.ToText(c.Source.LastActivityAt));
    }
}
