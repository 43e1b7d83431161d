using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using MongoDB.Bson;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>The index definitions rendered to BSON, and a check that each list query's sort is served by one of them.</summary>
public sealed class MongoIndexesTests
{
    public static TheoryData<string, string, string, bool> Expected => new()
    {
        { "users", "usernameKey_unique", """{ "usernameKey" : 1 }""", true },
        { "users", "subject_unique", """{ "subject" : 1 }""", true },
        { "users", "createdAt_id", """{ "createdAt" : 1, "_id" : 1 }""", false },
        { "conversations", "lastActivityAt_id", """{ "lastActivityAt" : -1, "_id" : -1 }""", false },
        { "conversations", "directKey_unique", """{ "directKey" : 1 }""", true },
        { "links", "conversationId_userId_unique", """{ "conversationId" : 1, "userId" : 1 }""", true },
        { "links", "userId_createdAt_id", """{ "userId" : 1, "createdAt" : 1, "_id" : 1 }""", false },
        { "links", "conversationId_createdAt_id", """{ "conversationId" : 1, "createdAt" : 1, "_id" : 1 }""", false },
        { "links", "conversationId_rev_id", """{ "conversationId" : 1, "rev" : 1, "_id" : 1 }""", false },
        { "messages", "conversationId_seq_unique", """{ "conversationId" : 1, "seq" : 1 }""", true },
        { "messages", "conversationId_rev_unique", """{ "conversationId" : 1, "rev" : 1 }""", true },
        { "messages", "authorId_createdAt_id", """{ "authorId" : 1, "createdAt" : 1, "_id" : 1 }""", false },
        { "messages", "content_text", """{ "content" : "text" }""", false },
        { "messages", "conversationId_createdAt_id", """{ "conversationId" : 1, "createdAt" : -1, "_id" : -1 }""", false },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Each_index_has_its_keys_and_uniqueness(string collection, string name, string keys, bool unique)
    {
        var (_, index) = Assert.Single(MongoIndexes.All, i => i.Collection == collection && i.Index.Options.Name == name);

        Assert.Equal(BsonDocument.Parse(keys), MongoBson.Render(index.Keys));
        Assert.Equal(unique, index.Options.Unique ?? false);
    }

    [Fact]
    public void The_direct_pair_index_holds_only_direct_conversations()
    {
        var (_, index) = Assert.Single(MongoIndexes.All, i => i.Index.Options.Name == "directKey_unique");

        var options = Assert.IsType<MongoDB.Driver.CreateIndexOptions<BsonDocument>>(index.Options);
        Assert.Equal(BsonDocument.Parse("""{ "directKey" : { "$type" : "string" } }"""), MongoBson.Render(options.PartialFilterExpression));
    }

    [Fact]
    public void There_are_no_other_indexes() => Assert.Equal(Expected.Count, MongoIndexes.All.Count);

    [Fact]
    public void Usernames_are_unique_by_their_stored_key_with_no_collation_deciding()
    {
        var (_, index) = Assert.Single(MongoIndexes.All, i => i.Index.Options.Name == "usernameKey_unique");

        var options = Assert.IsType<MongoDB.Driver.CreateIndexOptions<BsonDocument>>(index.Options);
        Assert.Equal(BsonDocument.Parse("""{ "usernameKey" : { "$exists" : true } }"""), MongoBson.Render(options.PartialFilterExpression));
        Assert.All(MongoIndexes.All, i => Assert.Null(i.Index.Options.Collation));
    }

    public static TheoryData<string, string> ListQueries => new()
    {
        { "messages of a conversation, ascending", "conversationId_seq_unique" },
        { "messages of a conversation, descending", "conversationId_seq_unique" },
        { "messages by author", "authorId_createdAt_id" },
        { "links by user", "userId_createdAt_id" },
        { "links by conversation, descending", "conversationId_createdAt_id" },
        { "users", "createdAt_id" },
        { "conversations by activity", "lastActivityAt_id" },
        { "messages changed after a rev", "conversationId_rev_unique" },
        { "messages changed after a rev, descending", "conversationId_rev_unique" },
        { "links changed after a rev", "conversationId_rev_id" },
        { "replay of messages", "conversationId_rev_unique" },
        { "replay of links", "conversationId_rev_id" },
    };

    [Theory]
    [MemberData(nameof(ListQueries))]
    public void Each_list_query_is_served_by_an_index_on_its_equality_scope_then_its_sort(string list, string indexName)
    {
        var (collection, query) = Query(list);
        var (_, index) = Assert.Single(MongoIndexes.All, i => i.Collection == collection && i.Index.Options.Name == indexName);
        var keys = MongoBson.Render(index.Keys);

        // Equality fields of the scope lead the index; the sort follows, walked forward or backward as a whole.
        var scope = query.Filter.Contains("$and") ? query.Filter["$and"][0].AsBsonDocument : query.Filter;
        var equality = scope.Elements.Where(e => e.Value.IsString).Select(e => e.Name).ToList();
        Assert.Equal(equality, keys.Names.Take(equality.Count));
        var rest = keys.Elements.Skip(equality.Count).ToList();
        var sort = query.Sort.Elements.ToList();
        Assert.Equal(sort.Select(e => e.Name), rest.Select(e => e.Name));
        var sameWay = sort.Zip(rest).All(p => p.First.Value.ToInt32() == p.Second.Value.ToInt32());
        var reversed = sort.Zip(rest).All(p => p.First.Value.ToInt32() == -p.Second.Value.ToInt32());
        Assert.True(sameWay || reversed, $"{list}: sort {query.Sort} does not walk index {keys}");
    }

    private static (string Collection, MongoPageQuery Query) Query(string list) => list switch
    {
        "messages of a conversation, ascending" => ("messages", MongoPaging.MessagesBySeq("c1", null, new PageRequest(10))),
        "messages of a conversation, descending" => ("messages", MongoPaging.MessagesBySeq("c1", 3, new PageRequest(10, SortDirection.Desc))),
        "messages by author" => ("messages", MongoPaging.ByTimeAndId(new BsonDocument("authorId", "u1"), "createdAt", new PageRequest(10), MongoDocuments.MessageField)),
        "links by user" => ("links", MongoPaging.ByTimeAndId(new BsonDocument("userId", "u1"), "createdAt", new PageRequest(10), MongoDocuments.LinkField)),
        "links by conversation, descending" => ("links", MongoPaging.ByTimeAndId(new BsonDocument("conversationId", "c1"), "createdAt", new PageRequest(10, SortDirection.Desc), MongoDocuments.LinkField)),
        "users" => ("users", MongoPaging.ByTimeAndId([], "createdAt", new PageRequest(10), MongoDocuments.UserField)),
        "conversations by activity" => ("conversations", MongoPaging.ByTimeAndId(
            new BsonDocument("_id", new BsonDocument("$in", new BsonArray { "c1", "c2" })), "lastActivityAt", new PageRequest(10, SortDirection.Desc), MongoDocuments.ConversationField)),
        "messages changed after a rev" => ("messages", MongoPaging.MessagesByRev("c1", 3, new PageRequest(10))),
        "messages changed after a rev, descending" => ("messages", MongoPaging.MessagesByRev("c1", 3, new PageRequest(10, SortDirection.Desc, "9"))),
        "links changed after a rev" => ("links", MongoPaging.LinksByRev("c1", 0, new PageRequest(10, AfterKey: "1|abc"))),
        "replay of messages" => ("messages", MongoPaging.ReplayMessages("c1", 5, 101)),
        "replay of links" => ("links", MongoPaging.ReplayLinks("c1", 5, 101)),
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };
}
