using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// The original <c>CreateMessageInput</c>. <c>id</c> is the idempotency key; <c>createdAt</c> is kept as
/// <c>clientCreatedAt</c>; <c>authorId</c>, if sent, must be the caller.
/// </summary>
public sealed class CreateMessageInputType : InputObjectGraphType
{
    public CreateMessageInputType()
    {
        Name = "CreateMessageInput";
        Field<IdGraphType>("id");
        Field<StringGraphType>("authorId");
        Field<NonNullGraphType<StringGraphType>>("content");
        Field<NonNullGraphType<IdGraphType>>("messageConversationId");
        Field<StringGraphType>("createdAt");
        Field<IdGraphType>("replyToId").Description("A message of the same conversation that this one answers.");
    }
}
