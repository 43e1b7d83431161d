using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Search;
using Chatt.ChatApi.Users;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        this.AddUserQueries();
        this.AddConversationQueries();
        this.AddSearchQueries();
    }
}
