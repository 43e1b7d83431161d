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

    /// <summary>A conversation's messages with rev after <paramref name="afterRev"/>, in rev order, after the page key (a rev).</summary>
    public static MongoPageQuery MessagesByRev(string conversationId, long afterRev, PageRequest page)
    {
        ValidateLimit(page);
        var ascending = page.Direction == SortDirection.Asc;
        var revRange = new BsonDocument("$gt", afterRev);
        if (page.AfterKey is { } key)
        {
            var keyRev = PageKeys.ParseSeq(key);
            if (ascending)
            {
                revRange["$gt"] = Math.Max(afterRev, keyRev);
            }
            else
            {
                revRange.Add("$lt", keyRev);
            }
        }

        var scope = new BsonDocument { { MongoDocuments.ConversationId, conversationId }, { MongoDocuments.Rev, revRange } };
        var filter = And(scope, MongoFilters.ToBson(page.Filter, MongoDocuments.MessageField));
        return new MongoPageQuery(filter, new BsonDocument(MongoDocuments.Rev, ascending ? 1 : -1), page.Limit + 1);
    }

    /// <summary>A conversation's links (tombstones included) with rev after <paramref name="afterRev"/>, in (rev, _id) order.</summary>
    public static MongoPageQuery LinksByRev(string conversationId, long afterRev, PageRequest page)
    {
        ValidateLimit(page);
        var ascending = page.Direction == SortDirection.Asc;
        var parts = new List<BsonDocument>
        {
            new() { { MongoDocuments.ConversationId, conversationId }, { MongoDocuments.Rev, new BsonDocument("$gt", afterRev) } },
        };
        if (page.AfterKey is { } key)
        {
            var (keyRev, keyId) = PageKeys.ParseRevAndId(key);
            var op = ascending ? "$gt" : "$lt";
            parts.Add(new BsonDocument("$or", new BsonArray
            {
                new BsonDocument(MongoDocuments.Rev, new BsonDocument(op, keyRev)),
                new BsonDocument { { MongoDocuments.Rev, keyRev }, { MongoDocuments.Id, new BsonDocument(op, keyId) } },
            }));
        }

        parts.Add(MongoFilters.ToBson(page.Filter, MongoDocuments.LinkField));
        var direction = ascending ? 1 : -1;
        return new MongoPageQuery(And([.. parts]), new BsonDocument { { MongoDocuments.Rev, direction }, { MongoDocuments.Id, direction } }, page.Limit + 1);
    }

    /// <summary>The replay's read of messages: the conversation's with rev after <paramref name="afterRev"/>, oldest first.</summary>
    public static MongoPageQuery ReplayMessages(string conversationId, long afterRev, int take) =>
        new(RevScope(conversationId, afterRev), new BsonDocument(MongoDocuments.Rev, 1), take);

    /// <summary>The replay's read of links, tombstones included; several share rev 1, so _id orders them.</summary>
    public static MongoPageQuery ReplayLinks(string conversationId, long afterRev, int take) =>
        new(RevScope(conversationId, afterRev), new BsonDocument { { MongoDocuments.Rev, 1 }, { MongoDocuments.Id, 1 } }, take);

    private static BsonDocument RevScope(string conversationId, long afterRev) =>
        new() { { MongoDocuments.ConversationId, conversationId }, { MongoDocuments.Rev, new BsonDocument("$gt", afterRev) } };

    /// <summary>
    /// Unread: after the read mark (a range of the (conversationId, seq) index), by someone else, not deleted
    /// (tombstones store <c>deletedAt</c> as a time, live messages as null).
    /// </summary>
    public static BsonDocument Unread(string conversationId, string userId, long readSeq) => new()
    {
        { MongoDocuments.ConversationId, conversationId },
        { MongoDocuments.Seq, new BsonDocument("$gt", readSeq) },
        { MongoDocuments.AuthorId, new BsonDocument("$ne", userId) },
        { MongoDocuments.DeletedAt, BsonNull.Value },
    };

    /// <summary>Unread messages that mention the user by id (an array match) or everyone.</summary>
    public static BsonDocument UnreadMentions(string conversationId, string userId, long readSeq)
    {
        var filter = Unread(conversationId, userId, readSeq);
        filter.Add("$or", new BsonArray
        {
            new BsonDocument(MongoDocuments.MentionsAll, true),
            new BsonDocument(MongoDocuments.MentionIds, userId),
        });
        return filter;
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
