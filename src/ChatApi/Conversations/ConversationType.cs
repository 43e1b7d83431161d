using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Live;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// <c>type Conversation</c> (the original's fields plus what a chat client needs: <c>lastMessage</c>,
/// <c>unreadCount</c>, <c>lastSeq</c>, <c>lastActivityAt</c>) and the change stream's (<c>lastRev</c>, <c>myRole</c>,
/// <c>unreadMentionCount</c>, <c>direct</c>, <c>changedAfterRev</c> on both lists). Every list under it re-checks membership.
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
            .Argument<IntGraphType>("changedAfterRev", "Instead, every message created or changed after this rev (tombstones included), in rev order.")
            .ResolveAsync(async c =>
            {
                var changedAfterRev = c.GetArgument<int?>("changedAfterRev");
                var list = (changedAfterRev is null ? "conversation-messages:" : "conversation-message-changes:") + c.Source.Id;
                var page = c.ReadPage(list, ModelMessageFilterInputType.Filterable);
                var messages = await c.Service<MessageService>().ListAsync(
                    await c.GetCallerIdAsync(), c.Source.Id, c.GetArgument<int?>("afterSeq"), changedAfterRev, page, c.CancellationToken);
                return messages.ToConnection(page, list);
            });

        Field<ModelConvoLinkConnectionType>("associated")
            .Description("The current members' links; with changedAfterRev, every link added, changed or removed after that rev (tombstones included), in rev order.")
            .ListArgs<Conversation, object, ModelConvoLinkFilterInputType>()
            .Argument<IntGraphType>("changedAfterRev")
            .ResolveAsync(async c =>
            {
                var changedAfterRev = c.GetArgument<int?>("changedAfterRev");
                var list = (changedAfterRev is null ? "conversation-links:" : "conversation-link-changes:") + c.Source.Id;
                var page = c.ReadPage(list, ModelConvoLinkFilterInputType.Filterable);
                var links = await c.Service<ConversationService>().ListLinksAsync(await c.GetCallerIdAsync(), c.Source.Id, changedAfterRev, page, c.CancellationToken);
                return links.ToConnection(page, list);
            });

        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("members")
            .Description("Usernames of the members.")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var service = c.Service<ConversationService>();
                var links = await service.ListLinksAsync(callerId, c.Source.Id, null, new PageRequest(PageRequest.MaxLimit), c.CancellationToken);
                var users = await c.Service<IChatStore>().GetUsersAsync(links.Items.Select(l => l.UserId).ToArray(), c.CancellationToken);
                return users.Select(u => u.Username).ToArray();
            });

        Field<StringGraphType>("createdAt").Resolve(c => Timestamps.ToText(c.Source.CreatedAt));
        Field<StringGraphType>("updatedAt").Resolve(c => Timestamps.ToText(c.Source.UpdatedAt));

        Field<MessageType>("lastMessage")
            .ResolveAsync(async c => await c.Service<MessageService>().LastAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken));
        Field<NonNullGraphType<IntGraphType>>("unreadCount")
            .Description("Messages from others after the caller's read mark.")
            .ResolveAsync(async c => await c.Service<MessageService>().UnreadCountAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken))
            .PerCaller(0, conversation => caller => caller.UnreadCount(conversation.Id));
        Field<NonNullGraphType<IntGraphType>>("lastSeq").Description("Seq of the newest message; 0 when empty.").Resolve(c => (int)c.Source.LastSeq);
        Field<StringGraphType>("lastActivityAt").Resolve(c => Timestamps.ToText(c.Source.LastActivityAt));
        Field<NonNullGraphType<IntGraphType>>("lastRev").Description("The rev of the conversation's latest change (of itself, its messages or its links).").Resolve(c => (int)c.Source.LastRev);
        Field<NonNullGraphType<BooleanGraphType>>("direct").Description("A one-to-one conversation: two members, fixed.").Resolve(c => c.Source.Direct);
        Field<NonNullGraphType<ConvoRoleType>>("myRole")
            .ResolveAsync(async c => (await c.Service<ConversationService>().RequireMemberAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken)).Role)
            .PerCaller(ConvoRole.Member, conversation => caller => caller.Role(conversation.Id));
        Field<NonNullGraphType<IntGraphType>>("unreadMentionCount")
            .Description("Unread messages from others that mention the caller (by name or @all/@here).")
            .ResolveAsync(async c => await c.Service<MessageService>().UnreadMentionCountAsync(await c.GetCallerIdAsync(), c.Source.Id, c.CancellationToken))
            .PerCaller(0, conversation => caller => caller.UnreadMentionCount(conversation.Id));

        // The same for every member. messages/associated (paged, re-checked per caller) are not marked: per caller.
        this.MarkShareable("id", "name", "members", "createdAt", "updatedAt", "lastMessage", "lastSeq", "lastActivityAt", "lastRev", "direct");
    }
}
