using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        // Placeholder until the feature folders contribute their fields.
        Field<StringGraphType>("echo").Argument<StringGraphType>("text").Resolve(c => c.GetArgument<string>("text"));
    }
}
