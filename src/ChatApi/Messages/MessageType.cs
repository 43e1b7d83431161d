using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;
using Chatt.ChatApi.Live;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// <c>type Message</c>, plus <c>seq</c> (order and gap detection), <c>clientCreatedAt</c>, and the change stream's
/// fields: <c>rev</c>, edit and delete state (a deleted message is a tombstone: empty content, no reactions or
/// mentions), the reply it answers, whom it mentions and its reactions. <c>mentionsMe</c> and <c>reactions.me</c>
/// depend on the caller.
/// </summary>
public sealed class MessageType : ObjectGraphType<Message>
{
    public MessageType()
    {
        Name = "Message";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<UserType>("author").Resolve(c => c.LoadUser(c.Source.AuthorId));
        Field<StringGraphType>("authorId").Resolve(c => c.Source.AuthorId);
        Field<NonNullGraphType<StringGraphType>>("content").Resolve(c => c.Source.Content);
        Field<NonNullGraphType<ConversationType>>("conversation").Resolve(c => c.LoadConversation(c.Source.ConversationId));
        Field<NonNullGraphType<IdGraphType>>("messageConversationId").Resolve(c => c.Source.ConversationId);
        Field<StringGraphType>("createdAt").Description("The server's time.").Resolve(c => Timestamps.ToText(c.Source.CreatedAt));
        Field<StringGraphType>("updatedAt").Resolve(c => Timestamps.ToText(c.Source.UpdatedAt));
        Field<NonNullGraphType<IntGraphType>>("seq").Description("Gap-free, increasing per conversation.").Resolve(c => (int)c.Source.Seq);
        Field<StringGraphType>("clientCreatedAt").Description("The createdAt the client sent, as sent.").Resolve(c => c.Source.ClientCreatedAt);
        Field<NonNullGraphType<IntGraphType>>("rev").Description("The conversation rev of this message's latest change.").Resolve(c => (int)c.Source.Rev);
        Field<StringGraphType>("editedAt").Resolve(c => c.Source.EditedAt is { } at ? Timestamps.ToText(at) : null);
        Field<StringGraphType>("deletedAt").Description("Set on a tombstone.").Resolve(c => c.Source.DeletedAt is { } at ? Timestamps.ToText(at) : null);
        Field<UserType>("deletedBy").Resolve(c => c.Source.DeletedBy is { } id ? c.LoadUser(id) : null);
        Field<IdGraphType>("replyToId").Resolve(c => c.Source.ReplyToId);
        Field<MessageType>("replyTo")
            .Description("The message this one answers (a tombstone if it was deleted).")
            .ResolveAsync(async c => c.Source.ReplyToId is { } id
                && await c.Service<IChatStore>().GetMessageAsync(id, c.CancellationToken) is { } replied
                && replied.ConversationId == c.Source.ConversationId ? replied : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserType>>>>("mentions")
            .Description("The members it mentions by @username (@all/@here are not listed).")
            .Resolve(c => c.LoadUsers(c.Source.MentionIds));
        Field<NonNullGraphType<BooleanGraphType>>("mentionsMe")
            .Description("Whether it mentions the caller, by name or by @all/@here; never for the author's own message.")
            .ResolveAsync(async c => MessageMentions.Includes(c.Source, await c.GetCallerIdAsync()))
            .PerCaller(false, message => caller => MessageMentions.Includes(message, caller.UserId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReactionGroupType>>>>("reactions")
            .Description("One group per emoji, in the order each was first used.")
            .Resolve(c => c.Source.Reactions.Select(g => new ReactionView(c.Source.Id, g)).ToArray());
        // mentionsMe (above) is per-caller, answered from the message itself; every field listed here is the same for all members.
        this.MarkShareable("id", "author", "authorId", "content", "conversation", "messageConversationId", "createdAt", "updatedAt", "seq",
            "clientCreatedAt", "rev", "editedAt", "deletedAt", "deletedBy", "replyToId", "replyTo", "mentions", "reactions");
    }
}
