using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Search;

/// <summary>
/// The rules of search: a caller finds messages only in the conversations they are a member of at the moment of the
/// search (membership is read for every search, never cached, so a removed member finds nothing, neither from before
/// nor from after the removal); <c>in:</c> narrows to those of them named by id or by name (ignoring case), and
/// <c>from:</c> to authors by username. An unknown name narrows to nothing rather than failing, as a search box should.
/// </summary>
public sealed class MessageSearchService(IChatStore store, IMessageSearch search, ConversationService conversations)
{
    public async Task<Page<MessageSearchHit>> SearchAsync(string callerId, string? query, string? conversationId, PageRequest page,
        CancellationToken cancellationToken)
    {
        var parsed = SearchQueryParser.Parse(query);
        IReadOnlyCollection<string> scope;
        if (conversationId is not null)
        {
            await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
            scope = [conversationId];
        }
        else
        {
            scope = await store.GetConversationIdsOfUserAsync(callerId, cancellationToken);
        }

        if (parsed.In.Count > 0 && scope.Count > 0)
        {
            var named = await store.GetConversationsAsync(scope, cancellationToken);
            scope = named
                .Where(c => parsed.In.Any(value => value == c.Id || string.Equals(value, c.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(c => c.Id)
                .ToArray();
        }

        IReadOnlyCollection<string>? authors = null;
        if (parsed.From.Count > 0)
        {
            authors = (await store.FindUsersByUsernameAsync(parsed.From, cancellationToken)).Select(u => u.Id).ToArray();
        }

        var found = await search.SearchMessagesAsync(
            new MessageSearchRequest { Terms = parsed.Terms, ConversationIds = scope, AuthorIds = authors }, page, cancellationToken);
        return new Page<MessageSearchHit>(
            found.Items.Select(m => new MessageSearchHit(m, SearchSnippet.Build(m.Content, parsed.Terms))).ToArray(), found.NextKey);
    }
}
