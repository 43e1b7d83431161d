using GraphQL.Types;

namespace Chatt.ChatApi.Users;

/// <summary>The original <c>CreateUserInput</c>: it now sets the caller's own username. An <c>id</c>, if sent, must be the caller's.</summary>
public sealed class CreateUserInputType : InputObjectGraphType
{
    public CreateUserInputType()
    {
        Name = "CreateUserInput";
        Field<IdGraphType>("id");
        Field<NonNullGraphType<StringGraphType>>("username");
    }
}
