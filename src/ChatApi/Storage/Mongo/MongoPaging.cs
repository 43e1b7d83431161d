using Chatt.ChatApi.Common;
using MongoDB.Bson;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Keyset paging for the Mongo store. Keys are the last item of the previous page, in the shared forms of
/// <see cref="PageKeys"/>: a seq (<c>"42"</c>) for a conversation's messages, <c>"&lt;timestamp&gt;|&lt;id&gt;"</c> for lists
/// ordered by a time with the id as tie-breaker. A page continues strictly after its key whatever was written since,
/// and every query here is served by one of <see cref="MongoIndexes"/> (equality prefix, then the sort keys).
/// </summary>
internal static class MongoPaging
{
    public static string SeqKey(long seq) => PageKeys.Seq(seq);

    public static long ParseSeqKey(string key) => PageKeys.ParseSeq(key);

    public static string TimeKey(DateTimeOffset time, string id) => PageKeys.TimeAndId(time, id);

    public static (string Time, string Id) ParseTimeKey(string key) => PageKeys.ParseTimeAndId(key);

    public static void ValidateLimit(PageRequest page)
    {
        if (page.Limit is < 1 or > PageRequest.MaxLimit)
        {
            throw ChatException.BadInput($"'limit' must be between 1 and {PageRequest.MaxLimit}.");
        }
    }

    /// <summary>A conversation's messages in seq order, after <paramref name="afterSeq"/> and after the page key.</summary>
    public static MongoPageQuery MessagesBySeq(string conversationId, long? afterSeq, PageRequest page)
    {
        ValidateLimit(page);
        var ascending = page.Direction == SortDirection.Asc;
        var seqRange = new BsonDocument();
        if (afterSeq is { } after)
        {
            seqRange.Add("$gt", after);
        }

        if (page.AfterKey is { } key)
        {
            var keySeq = ParseSeqKey(key);
            if (ascending)
            {
                // Both bounds are lower bounds: keep the tighter one (a document cannot hold "$gt" twice).
                seqRange["$gt"] = afterSeq is { } a ? Math.Max(a, keySeq) : keySeq;
            }
            else
            {
                seqRange.Add("$lt", keySeq);
            }
        }

        var scope = new BsonDocument(MongoDocuments.ConversationId, conversationId);
        if (seqRange.ElementCount > 0)
        {
            scope.Add(MongoDocuments.Seq, seqRange);
        }

        var filter = And(scope, MongoFilters.ToBson(page.Filter, MongoDocuments.MessageField));
        var sort = new BsonDocument(MongoDocuments.Seq, ascending ? 1 : -1);
        return new MongoPageQuery(filter, sort, page.Limit + 1);
    }

    /// <summary>
    /// A list ordered by (<paramref name="timeField"/>, _id) in the page's direction within <paramref name="scope"/>,
    /// continuing strictly after the key's (time, id) pair.
    /// </summary>
    public static MongoPageQuery ByTimeAndId(BsonDocument scope, string timeField, PageRequest page, Func<FilterField, string?> fieldOf)
    {
        ValidateLimit(page);
        var ascending = page.Direction == SortDirection.Asc;
        var parts = new List<BsonDocument> { scope };
        if (page.AfterKey is { } key)
        {
            var (time, id) = ParseTimeKey(key);
            parts.Add(After(timeField, ascending, time, id));
        }

        parts.Add(MongoFilters.ToBson(page.Filter, fieldOf));
        var direction = ascending ? 1 : -1;
        var sort = new BsonDocument { { timeField, direction }, { MongoDocuments.Id, direction } };
        return new MongoPageQuery(And([.. parts]), sort, page.Limit + 1);
    }

    /// <summary>The row-value comparison <c>(time, _id) &gt; (t, id)</c> (or &lt; descending), spelled for Mongo.</summary>
    public static BsonDocument After(string timeField, bool ascending, string time, string id)
    {
        var op = ascending ? "$gt" : "$lt";
        return new BsonDocument("$or", new BsonArray
        {
            new BsonDocument(timeField, new BsonDocument(op, time)),
            new BsonDocument { { timeField, time }, { MongoDocuments.Id, new BsonDocument(op, id) } },
        });
    }

    /// <summary>Cuts the extra document read beyond the limit off and turns the last kept item into the next key.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> items, PageRequest page, Func<T, string> keyOf)
    {
        if (items.Count <= page.Limit)
        {
            return new Page<T>(items, null);
        }

        var kept = items.Take(page.Limit).ToList();
        return new Page<T>(kept, keyOf(kept[^1]));
    }

    /// <summary>All non-empty parts under one <c>$and</c> (or the single part itself); match-all parts are dropped.</summary>
    public static BsonDocument And(params BsonDocument[] parts)
    {
        var kept = parts.Where(p => p.ElementCount > 0).ToList();
        return kept.Count switch
        {
            0 => [],
            1 => kept[0],
            _ => new BsonDocument("$and", new BsonArray(kept)),
        };
    }
}
