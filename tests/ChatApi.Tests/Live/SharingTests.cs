using System.Text;
using Chatt.ChatApi.Live;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace Chatt.ChatApi.Tests.Live;

/// <summary>Whether a selection may be shared is read from the schema's marks, failing closed; per-caller values are spliced.</summary>
public sealed class SharingTests
{
    private sealed record Item(string Title, int Count);

    private sealed class ItemType : ObjectGraphType<Item>
    {
        public ItemType()
        {
            Name = "Item";
            Field<StringGraphType>("title").Resolve(c => c.Source.Title).Shareable();
            Field<IntGraphType>("count").Resolve(c => c.Source.Count).PerCaller(0, item => caller => item.Count + caller.UserId.Length);
            // A field someone added without thinking about sharing: no mark.
            Field<StringGraphType>("secretOfTheCaller").Resolve(c => "mine");
        }
    }

    private static (ISchema Schema, IComplexGraphType Item) BuildSchema()
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<ItemType>("item").Resolve(_ => null);
        var schema = new global::GraphQL.Types.Schema { Query = query };
        schema.Initialize();
        return (schema, (IComplexGraphType)schema.AllTypes["Item"]!);
    }

    private static bool Shareable(string selection, out bool usesCallerState)
    {
        var (schema, item) = BuildSchema();
        var document = Parser.Parse("{ item " + selection + " }");
        var root = (GraphQLOperationDefinition)document.Definitions[0];
        var field = (GraphQLField)root.SelectionSet.Selections[0];
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        usesCallerState = false;
        return ShareKeys.IsShareable(schema, item, field.SelectionSet!, fragments, [], ref usesCallerState);
    }

    [Fact]
    public void A_selection_of_shareable_fields_is_shared()
    {
        Assert.True(Shareable("{ title __typename }", out var usesCallerState));
        Assert.False(usesCallerState);
    }

    [Fact]
    public void A_per_caller_field_nobody_marked_is_not_shared()
    {
        Assert.False(Shareable("{ title secretOfTheCaller }", out _));
    }

    [Fact]
    public void An_unmarked_field_hidden_in_an_inline_fragment_is_not_shared_either()
    {
        Assert.False(Shareable("{ title ... on Item { secretOfTheCaller } }", out _));
    }

    [Fact]
    public void A_per_caller_field_computed_from_live_state_is_shared_and_says_so()
    {
        Assert.True(Shareable("{ title count }", out var usesCallerState));
        Assert.True(usesCallerState);
    }

    [Fact]
    public void Each_subscriber_gets_the_shared_bytes_with_its_own_values_spliced_in()
    {
        var json = Encoding.UTF8.GetBytes("""{"data":{"onInbox":{"conversation":{"name":"x","unreadCount":0,"myRole":"MEMBER"},"message":{"reactions":[{"me":false},{"me":false}]}}}}""");
        var placeholders = new PlaceholderList
        {
            { "data/onInbox/conversation/unreadCount", caller => caller.UnreadCount("c") },
            { "data/onInbox/conversation/myRole", caller => caller.Role("c") },
            { "data/onInbox/message/reactions/1/me", caller => caller.UserId == "bob" },
        };
        var template = ResultTemplate.Build(json, placeholders);

        Assert.Equal("""{"data":{"onInbox":{"conversation":{"name":"x","unreadCount":12,"myRole":"OWNER"},"message":{"reactions":[{"me":false},{"me":true}]}}}}""",
            Render(template, new Caller("bob", 12, "OWNER")));
        Assert.Equal("""{"data":{"onInbox":{"conversation":{"name":"x","unreadCount":3,"myRole":"MEMBER"},"message":{"reactions":[{"me":false},{"me":false}]}}}}""",
            Render(template, new Caller("al", 3, "MEMBER")));
    }

    private static string Render(ResultTemplate template, ICallerView caller)
    {
        string? text = null;
        template.WriteFor(caller, bytes => text = Encoding.UTF8.GetString(bytes));
        return text!;
    }

    private sealed record Caller(string UserId, int Unread, string RoleName) : ICallerView
    {
        public int UnreadCount(string conversationId) => Unread;

        public int UnreadMentionCount(string conversationId) => 0;

        public string Role(string conversationId) => RoleName;
    }
}
