using System.Text.RegularExpressions;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Storage.Mongo;
using MongoDB.Bson;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>The Filter tree rendered to Mongo query documents, checked without a server.</summary>
public sealed class MongoFiltersTests
{
    public static TheoryData<FilterOp, string[], string> EachOperator => new()
    {
        { FilterOp.Eq, ["banana"], """{ "content" : { "$eq" : "banana" } }""" },
        { FilterOp.Ne, ["banana"], """{ "content" : { "$ne" : "banana" } }""" },
        { FilterOp.Lt, ["banana"], """{ "content" : { "$lt" : "banana" } }""" },
        { FilterOp.Le, ["banana"], """{ "content" : { "$lte" : "banana" } }""" },
        { FilterOp.Gt, ["banana"], """{ "content" : { "$gt" : "banana" } }""" },
        { FilterOp.Ge, ["banana"], """{ "content" : { "$gte" : "banana" } }""" },
        { FilterOp.Between, ["apple", "cherry"], """{ "content" : { "$gte" : "apple", "$lte" : "cherry" } }""" },
        { FilterOp.BeginsWith, ["ap"], """{ "content" : { "$regularExpression" : { "pattern" : "^ap", "options" : "" } } }""" },
        { FilterOp.Contains, ["A"], """{ "content" : { "$regularExpression" : { "pattern" : "A", "options" : "" } } }""" },
        { FilterOp.NotContains, ["a"], """{ "content" : { "$not" : { "$regularExpression" : { "pattern" : "a", "options" : "" } } } }""" },
    };

    [Theory]
    [MemberData(nameof(EachOperator))]
    public void Each_operator_renders_to_its_query_operator_case_sensitively(FilterOp op, string[] values, string expected)
    {
        var rendered = MongoFilters.ToBson(new ConditionFilter(FilterField.Content, op, values), MongoDocuments.MessageField);

        Assert.Equal(expected, MongoBson.Json(rendered));
    }

    [Theory]
    [InlineData(FilterField.Id, "_id")]
    [InlineData(FilterField.CreatedAt, "createdAt")]
    [InlineData(FilterField.UpdatedAt, "updatedAt")]
    [InlineData(FilterField.AuthorId, "authorId")]
    [InlineData(FilterField.Content, "content")]
    [InlineData(FilterField.MessageConversationId, "conversationId")]
    public void Each_message_field_names_its_stored_field(FilterField field, string stored)
    {
        var rendered = MongoFilters.ToBson(new ConditionFilter(field, FilterOp.Eq, ["v"]), MongoDocuments.MessageField);

        Assert.Equal(new BsonDocument(stored, new BsonDocument("$eq", "v")), rendered);
    }

    [Theory]
    [InlineData(FilterField.ConvoLinkUserId, "userId")]
    [InlineData(FilterField.ConvoLinkConversationId, "conversationId")]
    [InlineData(FilterField.Id, "_id")]
    public void Each_link_field_names_its_stored_field(FilterField field, string stored)
    {
        var rendered = MongoFilters.ToBson(new ConditionFilter(field, FilterOp.Eq, ["v"]), MongoDocuments.LinkField);

        Assert.Equal(new BsonDocument(stored, new BsonDocument("$eq", "v")), rendered);
    }

    [Fact]
    public void And_or_and_not_render_to_and_or_and_nor()
    {
        var filter = new AndFilter(
        [
            new ConditionFilter(FilterField.Content, FilterOp.Ge, ["b"]),
            new NotFilter(new OrFilter(
            [
                new ConditionFilter(FilterField.Content, FilterOp.Eq, ["cherry"]),
                new ConditionFilter(FilterField.AuthorId, FilterOp.Eq, ["u1"]),
            ])),
        ]);

        var rendered = MongoFilters.ToBson(filter, MongoDocuments.MessageField);

        Assert.Equal(BsonDocument.Parse("""
            { "$and" : [
                { "content" : { "$gte" : "b" } },
                { "$nor" : [ { "$or" : [ { "content" : { "$eq" : "cherry" } }, { "authorId" : { "$eq" : "u1" } } ] } ] } ] }
            """), rendered);
    }

    [Fact]
    public void An_empty_and_matches_everything_and_an_empty_or_matches_nothing()
    {
        Assert.Equal([], MongoFilters.ToBson(new AndFilter([]), MongoDocuments.MessageField));
        Assert.Equal(BsonDocument.Parse("""{ "_id" : { "$in" : [] } }"""), MongoFilters.ToBson(new OrFilter([]), MongoDocuments.MessageField));
        Assert.Equal([], MongoFilters.ToBson(null, MongoDocuments.MessageField));
    }

    [Fact]
    public void The_filter_definition_renders_through_the_driver_to_the_same_document()
    {
        var filter = new OrFilter([new ConditionFilter(FilterField.Content, FilterOp.Contains, ["x"]), new ConditionFilter(FilterField.Id, FilterOp.Lt, ["m"])]);

        var rendered = MongoBson.Render(MongoFilters.ToDefinition(filter, MongoDocuments.MessageField));

        Assert.Equal(MongoFilters.ToBson(filter, MongoDocuments.MessageField), rendered);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("(x)*+?")]
    [InlineData("^$|[]{}\\")]
    [InlineData("50% off #1 - ok")]
    [InlineData("naïve 日本")]
    public void Regex_input_is_escaped_so_it_matches_only_itself(string text)
    {
        var pattern = MongoFilters.EscapeRegex(text);

        Assert.Matches(new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), text);
    }

    [Fact]
    public void An_escaped_dot_or_star_no_longer_matches_other_text()
    {
        Assert.DoesNotMatch(new Regex(MongoFilters.EscapeRegex("a.b")), "aXb");
        Assert.DoesNotMatch(new Regex(MongoFilters.EscapeRegex("ab*c")), "ac");
    }

    [Fact]
    public void Every_ascii_punctuation_character_is_escaped_and_letters_digits_and_non_ascii_are_not()
    {
        Assert.Equal(@"a\.b\*\(c\)\[d\]\\e\$\^\|\?\+\{1\}", MongoFilters.EscapeRegex(@"a.b*(c)[d]\e$^|?+{1}"));
        Assert.Equal("Az09é", MongoFilters.EscapeRegex("Az09é"));
        Assert.Equal(@"^a\.b", MongoFilters.Condition("content", FilterOp.BeginsWith, ["a.b"])["content"].AsBsonRegularExpression.Pattern);
    }

    [Theory]
    [InlineData(FilterField.Content)]
    [InlineData(FilterField.AuthorId)]
    [InlineData(FilterField.MessageConversationId)]
    public void A_message_field_on_a_link_list_is_BAD_USER_INPUT(FilterField field) =>
        AssertBadInput(() => MongoFilters.ToBson(new ConditionFilter(field, FilterOp.Eq, ["x"]), MongoDocuments.LinkField));

    [Theory]
    [InlineData(FilterField.ConvoLinkUserId)]
    [InlineData(FilterField.ConvoLinkConversationId)]
    public void A_link_field_on_a_message_list_is_BAD_USER_INPUT(FilterField field) =>
        AssertBadInput(() => MongoFilters.ToBson(new ConditionFilter(field, FilterOp.Eq, ["x"]), MongoDocuments.MessageField));

    [Fact]
    public void Users_and_conversations_filter_only_by_id_and_times() =>
        AssertBadInput(() => MongoFilters.ToBson(new ConditionFilter(FilterField.Content, FilterOp.Eq, ["x"]), MongoDocuments.UserField));

    [Theory]
    [InlineData(FilterOp.Between, new[] { "a" })]
    [InlineData(FilterOp.Between, new[] { "a", "b", "c" })]
    [InlineData(FilterOp.Eq, new string[0])]
    [InlineData(FilterOp.Contains, new[] { "a", "b" })]
    public void A_condition_with_the_wrong_number_of_values_is_BAD_USER_INPUT(FilterOp op, string[] values) =>
        AssertBadInput(() => MongoFilters.ToBson(new ConditionFilter(FilterField.Content, op, values), MongoDocuments.MessageField));

    [Fact]
    public void A_filter_nested_too_deep_is_BAD_USER_INPUT()
    {
        Filter filter = new ConditionFilter(FilterField.Content, FilterOp.Eq, ["x"]);
        for (var i = 0; i < 12; i++)
        {
            filter = new NotFilter(filter);
        }

        AssertBadInput(() => MongoFilters.ToBson(filter, MongoDocuments.MessageField));
    }

    private static void AssertBadInput(Action act) =>
        Assert.Equal(ErrorCodes.BadUserInput, Assert.Throws<ChatException>(act).Code);

    [Theory]
    [InlineData(FilterOp.BeginsWith)]
    [InlineData(FilterOp.Contains)]
    [InlineData(FilterOp.NotContains)]
    public void A_text_filter_holding_a_NUL_is_BAD_USER_INPUT_not_a_driver_exception(FilterOp op)
    {
        // Without the check the pattern renders, and the driver throws when it writes the query (a C string holds no NUL).
        var error = Assert.Throws<ChatException>(() =>
            MongoFilters.ToBson(new ConditionFilter(FilterField.Content, op, ["a\0b"]), MongoDocuments.MessageField).ToBson());

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }

    [Fact]
    public void A_username_prefix_holding_a_NUL_is_BAD_USER_INPUT()
    {
        var error = Assert.Throws<ChatException>(() => MongoFilters.EscapeRegex("al\0"));

        Assert.Equal(ErrorCodes.BadUserInput, error.Code);
    }
}
