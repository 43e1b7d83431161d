using GraphQL.Types;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// The original <c>CreateConvoInput</c>. <c>members</c> are usernames; the caller is always added. <c>name</c> was
/// required in the original and still is, except for a direct conversation (loosening an input is additive).
/// </summary>
public sealed class CreateConvoInputType : InputObjectGraphType
{
    public CreateConvoInputType()
    {
        Name = "CreateConvoInput";
        Field<IdGraphType>("id").Description("Optional client-chosen id; a retry with the same id returns the conversation.");
        Field<StringGraphType>("name").Description("Required, except with direct: true (then it defaults to the two usernames).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("members");
        Field<BooleanGraphType>("direct").Description("A one-to-one conversation with the one user in members; returns the existing one if there is one.");
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

/// <summary>Leave a conversation (your own link, the default) or remove someone (OWNER/ADMIN).</summary>
public sealed class DeleteConvoLinkInputType : InputObjectGraphType
{
    public DeleteConvoLinkInputType()
    {
        Name = "DeleteConvoLinkInput";
        Field<NonNullGraphType<IdGraphType>>("convoLinkConversationId");
        Field<IdGraphType>("convoLinkUserId").Description("Defaults to the caller (leave).");
    }
}

/// <summary>Change a member's role (OWNER only).</summary>
public sealed class UpdateConvoLinkInputType : InputObjectGraphType
{
    public UpdateConvoLinkInputType()
    {
        Name = "UpdateConvoLinkInput";
        Field<NonNullGraphType<IdGraphType>>("convoLinkConversationId");
        Field<NonNullGraphType<IdGraphType>>("convoLinkUserId");
        Field<NonNullGraphType<ConvoRoleType>>("role");
    }
}

/// <summary>Rename a conversation (OWNER/ADMIN).</summary>
public sealed class UpdateConvoInputType : InputObjectGraphType
{
    public UpdateConvoInputType()
    {
        Name = "UpdateConvoInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("name");
    }
}
