using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Search;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Search on MongoDB without an external engine: two queries over the caller's conversations, merged newest first.
/// <list type="bullet">
/// <item>The text index (<c>content_text</c>, language "none": no stemming, case- and diacritic-insensitive): every
/// term as a quoted phrase, so all must be there as whole words — <c>cafe</c> finds <c>Café</c>.</item>
/// <item>The fallback for partial words: every term as a case-insensitive regular expression (the text escaped, so
/// it matches literally) — a substring for words of 3+ characters, a word start for shorter ones, words in order
/// for phrases — scanned over the caller's conversations through the (conversationId, createdAt) index.</item>
/// </list>
/// What this matches less well than SQLite's FTS5: a partial word with an accent other than the message's
/// (<c>cafe</c> inside <c>décafeiné</c>); the regex scan costs time in proportion to the messages of the caller's
/// conversations rather than to the hits. An external engine behind <see cref="IMessageSearch"/> removes both.
/// Paging is by (createdAt, id) descending, the order both queries read in, so a merged page continues exactly.
/// </summary>
public sealed partial class MongoChatStore : IMessageSearch
{
    public async Task<Page<Message>> SearchMessagesAsync(MessageSearchRequest request, PageRequest page, CancellationToken cancellationToken)
    {
        MongoPaging.ValidateLimit(page);
        if (request.Terms.Count == 0 || request.ConversationIds.Count == 0 || request.AuthorIds is { Count: 0 })
        {
            return new Page<Message>([], null);
        }

        var scope = new BsonDocument
        {
            { D.ConversationId, new BsonDocument("$in", new BsonArray(request.ConversationIds)) },
            { D.DeletedAt, BsonNull.Value },
        };
        if (request.AuthorIds is { } authors)
        {
            scope.Add(D.AuthorId, new BsonDocument("$in", new BsonArray(authors)));
        }

        var newestFirst = page with { Direction = Common.SortDirection.Desc };
        var text = new BsonDocument("$text", new BsonDocument
        {
            { "$search", string.Join(' ', request.Terms.Select(t => "\"" + t.Text.Replace("\"", "", StringComparison.Ordinal) + "\"")) },
            { "$caseSensitive", false },
            { "$diacriticSensitive", false },
        });
        var byWords = MongoPaging.ByTimeAndId(MongoPaging.And(scope, text), D.CreatedAt, newestFirst, D.MessageField);
        var byPattern = MongoPaging.ByTimeAndId(MongoPaging.And([scope, .. request.Terms.Select(Pattern)]), D.CreatedAt, newestFirst, D.MessageField);

        var words = await RunAsync(Messages, byWords, D.ToMessage, cancellationToken);
        var patterns = await RunAsync(Messages, byPattern, D.ToMessage, cancellationToken);
        var merged = words.Concat(patterns)
            .DistinctBy(m => m.Id)
            .OrderByDescending(m => Timestamps.ToText(m.CreatedAt), StringComparer.Ordinal)
            .ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Take(page.Limit + 1)
            .ToList();
        return MongoPaging.ToPage(merged, page, m => MongoPaging.TimeKey(m.CreatedAt, m.Id));
    }

    private static BsonDocument Pattern(SearchTerm term)
    {
        var words = term.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(MongoFilters.EscapeRegex);
        var pattern = term.IsPhrase ? WordStart + string.Join(@"[\s\p{P}]+", words)
            : term.MatchesInsideWords ? MongoFilters.EscapeRegex(term.Text)
            : WordStart + MongoFilters.EscapeRegex(term.Text);
        return new BsonDocument(D.Content, new BsonRegularExpression(pattern, "i"));
    }

    private const string WordStart = @"(?:^|[^\p{L}\p{N}])";
}
