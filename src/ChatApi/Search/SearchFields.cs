using System.Security.Cryptography;
using System.Text;
using Chatt.ChatApi.GraphQL;
using Chatt.ChatApi.GraphQL.Types;
using Chatt.ChatApi.Messages;
using GraphQL;
using GraphQL.Types;

namespace Chatt.ChatApi.Search;

/// <summary>The root field of search.</summary>
public static class SearchFields
{
    public static void AddSearchQueries(this ObjectGraphType query)
    {
        query.Field<ModelMessageSearchConnectionType>("searchMessages")
            .Description("Messages of the caller's conversations that match every word and \"phrase\" of the query (prefix, and partial words of 3+ " +
                         "characters, ignoring case and accents), newest first. Qualifiers: from:username, in:conversation (a name or an id).")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .Argument<IdGraphType>("conversationId", "Only this conversation (the caller must be a member).")
            .Argument<ModelMessageFilterInputType>("filter")
            .Argument<IntGraphType>("limit", $"1–{Common.PageRequest.MaxLimit}; default {Common.PageRequest.DefaultLimit}.")
            .Argument<StringGraphType>("nextToken", "The nextToken of the previous page of this same search.")
            .ResolveAsync(async c =>
            {
                var callerId = await c.GetCallerIdAsync();
                var text = c.GetArgument<string>("query");
                var conversationId = c.GetArgument<string?>("conversationId");
                // A token continues only the same search by the same caller: anything else is BAD_USER_INPUT, not a wrong page.
                var list = "search:" + callerId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + text)), 0, 8);
                var page = c.ReadPage(list, ModelMessageFilterInputType.Filterable);
                var hits = await c.Service<MessageSearchService>().SearchAsync(callerId, text, conversationId, page, c.CancellationToken);
                return hits.ToConnection(page, list);
            });
    }
}
