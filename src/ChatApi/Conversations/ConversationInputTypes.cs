using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

/// <summary>The original <c>CreateConvoInput</c>. <c>members</c> are usernames; the caller is always added.</summary>
public sealed class CreateConvoInputType : InputObjectGraphType
{
    public CreateConvoInputType()
    {
        Name = "CreateConvoInput";
        Field<IdGraphType>("id").Description("Optional client-chosen id; a retry with the same id returns the conversation.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("members");
    }
}

/// <summary>The original <c>CreateConvoLinkInput</c>: adds a user to a conversation the caller is in.</summary>
public sealed class CreateConvoLinkInputType : InputObjectGraphType
{
    public CreateConvoLinkInputType()
    {
        Name = "CreateConvoLinkInput";
        Field<NonNullGraphType<IdGraphType>>("convoLinkConversationId");
        Field<IdGraphType>("convoLinkUserId").Description("Defaults to the caller.");
    }
}
