using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using MongoDB.Bson;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>Page keys and the list queries built from them (scope, continuation, filter, sort, limit), without a server.</summary>
public sealed class MongoPagingTests
{
    private const string Time = "2026-01-01T12:00:00.000Z";

    [Theory]
    [InlineData("0", 0)]
    [InlineData("42", 42)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void A_seq_key_is_the_seq_in_decimal(string key, long seq)
    {
        Assert.Equal(seq, MongoPaging.ParseSeqKey(key));
        Assert.Equal(key, MongoPaging.SeqKey(seq));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.5")]
    [InlineData("not-a-seq")]
    [InlineData("9223372036854775808")]
    public void A_malformed_seq_key_is_BAD_USER_INPUT(string key) => AssertBadInput(() => MongoPaging.ParseSeqKey(key));

    [Fact]
    public void A_time_key_is_the_timestamp_and_id_joined_by_a_bar()
    {
        var key = MongoPaging.TimeKey(Timestamps.Parse(Time), "abc");

        Assert.Equal(Time + "|abc", key);
        Assert.Equal((Time, "abc"), MongoPaging.ParseTimeKey(key));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("|abc")]
    [InlineData("2026-01-01T00:00:00.000Z|bad id!")]
    [InlineData("2026-01-01T00:00:00.000Z|")]
    [InlineData("yesterday|abc")]
    [InlineData("2026-01-01T00:00:00Z|abc")]
    public void A_malformed_time_key_is_BAD_USER_INPUT(string key) => AssertBadInput(() => MongoPaging.ParseTimeKey(key));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(PageRequest.MaxLimit + 1)]
    public void A_limit_out_of_range_is_BAD_USER_INPUT(int limit) =>
        AssertBadInput(() => MongoPaging.MessagesBySeq("c1", null, new PageRequest(limit)));

    [Fact]
    public void The_first_page_of_messages_reads_one_more_than_the_limit_in_seq_order()
    {
        var query = MongoPaging.MessagesBySeq("c1", null, new PageRequest(10));

        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1" }"""), query.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "seq" : 1 }"""), query.Sort);
        Assert.Equal(11, query.Take);
    }

    [Fact]
    public void Ascending_messages_continue_after_the_larger_of_the_key_and_afterSeq_with_the_filter_in_the_same_query()
    {
        var filter = new ConditionFilter(FilterField.Content, FilterOp.BeginsWith, ["keep"]);

        var afterKey = MongoPaging.MessagesBySeq("c1", afterSeq: 4, new PageRequest(2, SortDirection.Asc, "7", filter));
        var afterSeq = MongoPaging.MessagesBySeq("c1", afterSeq: 9, new PageRequest(2, SortDirection.Asc, "7"));

        Assert.Equal(BsonDocument.Parse("""
            { "$and" : [ { "conversationId" : "c1", "seq" : { "$gt" : 7 } }, { "content" : /^keep/ } ] }
            """), afterKey.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1", "seq" : { "$gt" : 9 } }"""), afterSeq.Filter);
        Assert.Equal(3, afterKey.Take);
    }

    [Fact]
    public void Descending_messages_stay_above_afterSeq_and_below_the_key()
    {
        var query = MongoPaging.MessagesBySeq("c1", afterSeq: 6, new PageRequest(3, SortDirection.Desc, "9"));

        Assert.Equal(BsonDocument.Parse("""{ "conversationId" : "c1", "seq" : { "$gt" : 6, "$lt" : 9 } }"""), query.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "seq" : -1 }"""), query.Sort);
    }

    [Fact]
    public void Messages_refuse_a_malformed_key_and_a_link_field_filter()
    {
        AssertBadInput(() => MongoPaging.MessagesBySeq("c1", null, new PageRequest(10, AfterKey: "x")));
        AssertBadInput(() => MongoPaging.MessagesBySeq("c1", null,
            new PageRequest(10, Filter: new ConditionFilter(FilterField.ConvoLinkUserId, FilterOp.Eq, ["u"]))));
    }

    [Fact]
    public void A_time_ordered_list_continues_strictly_after_the_keys_time_and_id_ascending()
    {
        var query = MongoPaging.ByTimeAndId(new BsonDocument("userId", "u1"), "createdAt",
            new PageRequest(5, SortDirection.Asc, Time + "|abc"), MongoDocuments.LinkField);

        Assert.Equal(BsonDocument.Parse($$"""
            { "$and" : [
                { "userId" : "u1" },
                { "$or" : [ { "createdAt" : { "$gt" : "{{Time}}" } }, { "createdAt" : "{{Time}}", "_id" : { "$gt" : "abc" } } ] } ] }
            """), query.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "createdAt" : 1, "_id" : 1 }"""), query.Sort);
        Assert.Equal(6, query.Take);
    }

    [Fact]
    public void A_time_ordered_list_continues_strictly_before_the_key_descending_and_applies_the_filter()
    {
        var filter = new ConditionFilter(FilterField.ConvoLinkConversationId, FilterOp.Ne, ["c9"]);

        var query = MongoPaging.ByTimeAndId(new BsonDocument("userId", "u1"), "createdAt",
            new PageRequest(5, SortDirection.Desc, Time + "|abc", filter), MongoDocuments.LinkField);

        Assert.Equal(BsonDocument.Parse($$"""
            { "$and" : [
                { "userId" : "u1" },
                { "$or" : [ { "createdAt" : { "$lt" : "{{Time}}" } }, { "createdAt" : "{{Time}}", "_id" : { "$lt" : "abc" } } ] },
                { "conversationId" : { "$ne" : "c9" } } ] }
            """), query.Filter);
        Assert.Equal(BsonDocument.Parse("""{ "createdAt" : -1, "_id" : -1 }"""), query.Sort);
    }

    [Fact]
    public void An_unscoped_unfiltered_first_page_matches_everything()
    {
        var query = MongoPaging.ByTimeAndId([], "createdAt", new PageRequest(5), MongoDocuments.UserField);

        Assert.Equal([], query.Filter);
    }

    [Fact]
    public void A_page_keeps_the_limit_and_keys_the_last_kept_item_only_when_more_were_read()
    {
        var page = new PageRequest(2);

        var full = MongoPaging.ToPage<long>([1, 2, 3], page, MongoPaging.SeqKey);
        var last = MongoPaging.ToPage<long>([3, 4], page, MongoPaging.SeqKey);

        Assert.Equal([1L, 2L], full.Items);
        Assert.Equal("2", full.NextKey);
        Assert.Equal([3L, 4L], last.Items);
        Assert.Null(last.NextKey);
    }

    private static void AssertBadInput(Action act) =>
        Assert.Equal(ErrorCodes.BadUserInput, Assert.Throws<ChatException>(act).Code);
}
