using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary><c>type Message</c>, plus <c>seq</c> (order and gap detection) and <c>clientCreatedAt</c>.</summary>
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
    }
}
