using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using MongoDB.Bson;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>The change stream's Mongo queries and the start-up migration rendered to BSON, without a server.</summary>
public sealed class MongoChangeQueriesTests
{
    [Fact]
    public void Messages_changed_after_a_rev_continue_after_the_tighter_of_the_rev_and_the_page_key()
    {
        var first = MongoPaging.MessagesByRev("c1", 3, new PageRequest(10));
        var next = MongoPaging.MessagesByRev("c1", 3, new PageRequest(10, AfterKey: "7"));
        var older = MongoPaging.MessagesByRev("c1", 3, new PageRequest(10, SortDirection.Desc, "7"));

        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1", "rev" : { "$gt" : 3 } }"""), first.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "rev" : 1 }"""), first.Sort);
        Assert.Equal(11, first.Take);
        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1", "rev" : { "$gt" : 7 } }"""), next.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1", "rev" : { "$gt" : 3, "$lt" : 7 } }"""), older.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "rev" : -1 }"""), older.Sort);
    }

    [Fact]
    public void Links_changed_after_a_rev_page_by_rev_then_id_and_keep_tombstones()
    {
        var query = MongoPaging.LinksByRev("c1", 0, new PageRequest(2, AfterKey: "1|l2"));

        Assert.Equal(BsonDocument.Parse("""
            { "$and" : [
                { "conversationId" : "c1", "rev" : { "$gt" : 0 } },
                { "$or" : [ { "rev" : { "$gt" : 1 } }, { "rev" : 1, "_id" : { "$gt" : "l2" } } ] } ] }
            """), query.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "rev" : 1, "_id" : 1 }"""), query.Sort);
        Assert.DoesNotContain("removedAt", query.Filter.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("x|l2")]
    [InlineData("1|bad id!")]
    public void A_malformed_rev_key_is_BAD_USER_INPUT(string key)
    {
        var error = Assert.Throws<ChatException>(() => MongoPaging.LinksByRev("c1", 0, new PageRequest(2, AfterKey: key)));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Fact]
    public void Unread_counts_leave_out_tombstones_and_mentions_match_the_user_or_everyone()
    {
        Assert.Equal(BsonDocument.Parse("""
            { "conversationId" : "c1", "seq" : { "$gt" : 4 }, "authorId" : { "$ne" : "u1" }, "deletedAt" : null }
            """), MongoPaging.Unread("c1", "u1", 4));
        Assert.Equal(BsonDocument.Parse("""
            { "conversationId" : "c1", "seq" : { "$gt" : 4 }, "authorId" : { "$ne" : "u1" }, "deletedAt" : null,
              "$or" : [ { "mentionsAll" : true }, { "mentionIds" : "u1" } ] }
            """), MongoPaging.UnreadMentions("c1", "u1", 4));
    }

    [Fact]
    public void The_migration_numbers_existing_documents_creation_as_rev_1_and_seq_n_as_rev_n_plus_1()
    {
        var updates = MongoMigrations.VersionTwoUpdates.ToDictionary(u => u.Collection);

        Assert.Equal(BsonDocument.Parse("""{ "lastRev" : { "$exists" : false } }"""), updates["conversations"].Filter);
        Assert.Equal(BsonArray.Create(BsonSerializerArray("""[ { "$set" : { "lastRev" : { "$add" : [ "$lastSeq", 1 ] }, "rev" : 1 } } ]""")),
            updates["conversations"].Pipeline);
        Assert.Equal(BsonDocument.Parse("""{ "rev" : { "$exists" : false } }"""), updates["messages"].Filter);
        Assert.Equal(BsonArray.Create(BsonSerializerArray("""
            [ { "$set" : { "rev" : { "$add" : [ "$seq", 1 ] }, "editedAt" : null, "deletedAt" : null,
                "mentionIds" : { "$literal" : [] }, "mentionsAll" : false, "reactions" : { "$literal" : [] } } } ]
            """)), updates["messages"].Pipeline);
    }

    [Fact]
    public void The_migration_makes_each_creator_owner_and_everyone_else_member_of_links_not_yet_migrated()
    {
        var pipeline = new BsonArray(MongoMigrations.VersionTwoLinks);

        Assert.Equal(BsonArray.Create(BsonSerializerArray("""
            [ { "$match" : { "role" : { "$exists" : false } } },
              { "$lookup" : { "from" : "conversations", "localField" : "conversationId", "foreignField" : "_id", "as" : "conversation" } },
              { "$set" : { "role" : { "$cond" : [ { "$eq" : [ "$userId", { "$first" : "$conversation.createdBy" } ] }, "OWNER", "MEMBER" ] },
                           "removedAt" : null, "rev" : 1 } },
              { "$unset" : "conversation" },
              { "$merge" : { "into" : "links", "on" : "_id", "whenMatched" : "replace", "whenNotMatched" : "discard" } } ]
            """)), pipeline);
    }

    private static BsonArray BsonSerializerArray(string json) => MongoDB.Bson.Serialization.BsonSerializer.Deserialize<BsonArray>(json);
}
