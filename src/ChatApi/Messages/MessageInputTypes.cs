using GraphQL.Types;

namespace Chatt.ChatApi.Messages;

/// <summary>Edit your own message; <c>expectedRev</c> is the message's <c>rev</c> the edit is based on.</summary>
public sealed class UpdateMessageInputType : InputObjectGraphType
{
    public UpdateMessageInputType()
    {
        Name = "UpdateMessageInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("content");
        Field<NonNullGraphType<IntGraphType>>("expectedRev").Description("The message's rev the edit is based on; a newer one is CONFLICT.");
    }
}

/// <summary>Delete a message (yours, or anyone's as OWNER/ADMIN).</summary>
public sealed class DeleteMessageInputType : InputObjectGraphType
{
    public DeleteMessageInputType()
    {
        Name = "DeleteMessageInput";
        Field<NonNullGraphType<IdGraphType>>("id");
    }
}

/// <summary>Add or remove the caller's reaction: exactly one emoji.</summary>
public sealed class ReactionInputType : InputObjectGraphType
{
    public ReactionInputType()
    {
        Name = "ReactionInput";
        Field<NonNullGraphType<IdGraphType>>("messageId");
        Field<NonNullGraphType<StringGraphType>>("emoji");
    }
}
