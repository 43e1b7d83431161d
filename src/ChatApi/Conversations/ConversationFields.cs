using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Live;
using Chatt.ChatApi.Storage;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

/// <summary>The root fields about conversations and membership.</summary>
public static class ConversationFields
{
    public static void AddConversationQueries(this ObjectGraphType query)
    {
        query.Field<ConversationType>("getConvo")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => await c.Service<ConversationService>().GetForMemberAsync(await c.GetCallerIdAsync(), c.GetArgument<string>("id"), c.CancellationToken));

        query.Field<NonNullGraphType<ModelConvoConnectionType>>("myConvos")
            .Description("The caller's conversations, most recently active first.")
            .Argument<IntGraphType>("limit")
            .Argument<StringGraphType>("nextToken")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var page = c.ReadPage("activity:" + callerId);
                return (await c.Service<ConversationService>().ListByActivityAsync(callerId, page, c.CancellationToken)).ToConnection(page, "activity:" + callerId);
            });
    }

    public static void AddConversationMutations(this ObjectGraphType mutation)
    {
        mutation.Field<ConversationType>("createConvo")
            .Description("Creates a conversation with the caller and the named users as members, all in one write. With direct: true, the caller's one-to-one conversation with the one member (the existing one if any).")
            .Argument<NonNullGraphType<CreateConvoInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var members = (input.GetValueOrDefault("members") as IEnumerable<object?> ?? []).Select(m => m?.ToString() ?? "").ToArray();
                return await c.Service<ConversationService>().CreateAsync(
                    await c.GetCallerIdAsync(), input.GetValueOrDefault("id") as string, input.GetValueOrDefault("name") as string, members,
                    input.GetValueOrDefault("direct") is true, c.CancellationToken);
            });

        mutation.Field<ConversationType>("updateConvo")
            .Description("Renames a conversation (OWNER/ADMIN). The same name again changes nothing.")
            .Argument<NonNullGraphType<UpdateConvoInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                return await c.Service<ConversationService>().RenameAsync(await c.GetCallerIdAsync(), input["id"]!.ToString()!, input["name"] as string, c.CancellationToken);
            });

        mutation.Field<ConvoLinkType>("createConvoLink")
            .Description("Adds a user to a conversation the caller is in; for someone already in it, returns their existing link.")
            .Argument<NonNullGraphType<CreateConvoLinkInputType>>("input")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                return await c.Service<ConversationService>().AddMemberAsync(
                    callerId, input["convoLinkConversationId"]!.ToString()!, input.GetValueOrDefault("convoLinkUserId")?.ToString() ?? callerId, c.CancellationToken);
            });

        mutation.Field<ConvoLinkType>("deleteConvoLink")
            .Description("Leaves the conversation (the caller's own link) or removes a member (OWNER/ADMIN); returns the link's tombstone. Removing a removed member changes nothing.")
            .Argument<NonNullGraphType<DeleteConvoLinkInputType>>("input")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                return await c.Service<ConversationService>().RemoveMemberAsync(
                    callerId, input["convoLinkConversationId"]!.ToString()!, input.GetValueOrDefault("convoLinkUserId")?.ToString() ?? callerId, c.CancellationToken);
            });

        mutation.Field<ConvoLinkType>("updateConvoLink")
            .Description("Sets a member's role (OWNER only). The same role again changes nothing.")
            .Argument<NonNullGraphType<UpdateConvoLinkInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                return await c.Service<ConversationService>().UpdateRoleAsync(
                    await c.GetCallerIdAsync(), input["convoLinkConversationId"]!.ToString()!, input["convoLinkUserId"]!.ToString()!, (ConvoRole)input["role"]!, c.CancellationToken);
            });
    }

    public static void AddConversationSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<ConvoLinkType>("onCreateConvoLink")
            .Description("Links made for the given user — only the caller's own id is allowed.")
            .Argument<NonNullGraphType<IdGraphType>>("convoLinkUserId")
            .Shareable()
            .ResolveStreamAsync(c => LiveStreams.StreamAsync(c, callerId =>
            {
                if (c.GetArgument<string>("convoLinkUserId") != callerId)
                {
                    throw ChatException.Forbidden("You can only subscribe to your own conversation links.");
                }

                return Task.FromResult<ILiveSource>(new TopicSource(c.Service<IEventBus>(), Topic.User(callerId), e => e is UserLinked linked ? linked.Link : null));
            }));

        subscription.Field<ConversationEventType>("onConversationEvent")
            .Description("Every change of one conversation in rev order: messages created, edited, deleted; reactions; members added, removed, "
                + "updated; renames. With afterRev, first the current state of everything changed since that rev (in rev order), then live, "
                + "with no gap or repeat. RESYNC_REQUIRED when afterRev is older than the store still holds. A removed member gets their "
                + "MEMBER_REMOVED event, then the subscription ends with FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .Argument<IntGraphType>("afterRev", "The last rev the client has applied.")
            .Shareable()
            .ResolveStreamAsync(c => LiveStreams.StreamAsync(c, async callerId =>
            {
                var conversationId = c.GetArgument<string>("conversationId");
                var service = c.Service<ConversationService>();
                await service.RequireMemberAsync(callerId, conversationId, c.CancellationToken);
                long? afterRev = c.GetArgument<int?>("afterRev") is { } rev ? await service.RequireReplayableAsync(conversationId, rev, c.CancellationToken) : null;
                return new ConversationSource(c.Service<LiveFeeds>(), c.Service<IChatStore>(), conversationId, changes: true, afterRev);
            }));
    }
}
