using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Live;
using Chatt.ChatApi.Storage;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary>The root fields about messages: posting, read marks, and the live streams.</summary>
public static class MessageFields
{
    public static void AddMessageMutations(this ObjectGraphType mutation)
    {
        mutation.Field<MessageType>("createMessage")
            .Description("Posts a message. Idempotent on id: a retry returns the stored message and writes nothing.")
            .Argument<NonNullGraphType<CreateMessageInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                var post = new PostMessage
                {
                    Id = input.GetValueOrDefault("id")?.ToString(),
                    ConversationId = input["messageConversationId"]!.ToString()!,
                    AuthorId = input.GetValueOrDefault("authorId") as string,
                    Content = input["content"] as string ?? "",
                    ClientCreatedAt = input.GetValueOrDefault("createdAt") as string,
                    ReplyToId = input.GetValueOrDefault("replyToId")?.ToString(),
                };
                return await c.Service<MessageService>().PostAsync(await c.GetCallerIdAsync(), post, c.CancellationToken);
            });

        mutation.Field<MessageType>("updateMessage")
            .Description("Edits the caller's own message. Retry-safe: expectedRev guards against lost updates, and re-sending the text already there changes nothing.")
            .Argument<NonNullGraphType<UpdateMessageInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<Dictionary<string, object?>>("input");
                return await c.Service<MessageService>().EditAsync(
                    await c.GetCallerIdAsync(), input["id"]!.ToString()!, input["content"] as string, Convert.ToInt64(input["expectedRev"], System.Globalization.CultureInfo.InvariantCulture), c.CancellationToken);
            });

        mutation.Field<MessageType>("deleteMessage")
            .Description("Deletes a message (the author's own, or anyone's for an OWNER/ADMIN), leaving a tombstone. Idempotent.")
            .Argument<NonNullGraphType<DeleteMessageInputType>>("input")
            .ResolveAsync(async c => await c.Service<MessageService>().DeleteAsync(
                await c.GetCallerIdAsync(), c.GetArgument<Dictionary<string, object?>>("input")["id"]!.ToString()!, c.CancellationToken));

        foreach (var (name, add) in new[] { ("addReaction", true), ("removeReaction", false) })
        {
            mutation.Field<MessageType>(name)
                .Description(add ? "Adds the caller's reaction (one emoji). A set: adding it again changes nothing." : "Removes the caller's reaction. Removing one that is not there changes nothing.")
                .Argument<NonNullGraphType<ReactionInputType>>("input")
                .ResolveAsync(async c =>
                {
                    var input = c.GetArgument<Dictionary<string, object?>>("input");
                    return await c.Service<MessageService>().ReactAsync(
                        await c.GetCallerIdAsync(), input["messageId"]!.ToString()!, input["emoji"] as string, add, c.CancellationToken);
                });
        }

        mutation.Field<ConversationType>("markRead")
            .Description("Marks the conversation read up to seq for the caller (the mark never moves back).")
            .Argument<NonNullGraphType<IdGraphType>>("conversationId")
            .Argument<NonNullGraphType<IntGraphType>>("seq")
            .ResolveAsync(async c => await c.Service<MessageService>().MarkReadAsync(
                await c.GetCallerIdAsync(), c.GetArgument<string>("conversationId"), c.GetArgument<int>("seq"), c.CancellationToken));
    }

    public static void AddMessageSubscriptions(this ObjectGraphType subscription)
    {
        subscription.Field<MessageType>("onCreateMessage")
            .Description("New messages of one conversation the caller is a member of, in seq order; ends with FORBIDDEN when the caller is removed.")
            .Argument<NonNullGraphType<IdGraphType>>("messageConversationId")
            .Shareable()
            .ResolveStreamAsync(c => LiveStreams.StreamAsync(c, async callerId =>
            {
                var conversationId = c.GetArgument<string>("messageConversationId");
                await c.Service<ConversationService>().RequireMemberAsync(callerId, conversationId, c.CancellationToken);
                return new ConversationSource(c.Service<LiveFeeds>(), c.Service<IChatStore>(), conversationId, changes: false, afterRev: null);
            }));

        subscription.Field<InboxEventType>("onInbox")
            .Description("Every new message in any of the caller's conversations, and every conversation the caller is added to. "
                + "With kinds, the chosen changes instead (edits, deletions, reactions, mentions of the caller, removals, renames), each with its rev.")
            .Argument<ListGraphType<NonNullGraphType<InboxEventKindType>>>("kinds", "Opt in to these changes; left out, today's events (MESSAGE_CREATED and the caller being added).")
            .Shareable()
            .ResolveStreamAsync(c => LiveStreams.StreamAsync(c, callerId =>
            {
                var kinds = c.GetArgument<List<InboxEventKind>?>("kinds");
                return Task.FromResult<ILiveSource>(new InboxSource(c.Service<LiveFeeds>(), c.Service<IChatStore>(), c.Service<Events.IEventBus>(), callerId,
                    kinds is null ? null : kinds.ToHashSet()));
            }));
    }
}
