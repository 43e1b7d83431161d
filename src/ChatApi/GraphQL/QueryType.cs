using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        // Placeholder until the feature folders contribute their fields.
        Field<StringGraphType>("serverTime").Resolve(_ => DateTimeOffset.UtcNow.ToString("O"));
    }
}
