using System.Text;
using Chatt.ChatApi.Common;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Turns a <see cref="Filter"/> tree into a Mongo query document with the same meaning as the SQLite store's SQL:
/// <c>and</c>/<c>or</c> map to <c>$and</c>/<c>$or</c> (an empty and matches everything, an empty or nothing),
/// <c>not</c> to <c>$nor</c> (Mongo's <c>$not</c> only negates an operator, not a whole clause), and
/// beginsWith/contains/notContains to case-sensitive regular expressions whose every metacharacter is escaped,
/// so the user's text is matched literally. A field the list does not have is BAD_USER_INPUT, never ignored.
/// The result is one query document, so the server applies it before the page's limit.
/// </summary>
internal static class MongoFilters
{
    // Bounds keep a hostile filter from building a huge query (the same bounds as the SQLite store).
    private const int MaxDepth = 10;
    private const int MaxConditions = 100;

    /// <summary><c>_id $in []</c>: matches no document, and unlike an empty <c>$or</c> it is valid query syntax.</summary>
    public static BsonDocument MatchNothing => new(MongoDocuments.Id, new BsonDocument("$in", new BsonArray()));

    /// <summary>The query document for <paramref name="filter"/>; an empty document (match all) when there is none.</summary>
    public static BsonDocument ToBson(Filter? filter, Func<FilterField, string?> fieldOf)
    {
        if (filter is null)
        {
            return [];
        }

        var conditions = 0;
        return Translate(filter, fieldOf, depth: 0, ref conditions);
    }

    public static FilterDefinition<BsonDocument> ToDefinition(Filter? filter, Func<FilterField, string?> fieldOf) =>
        new BsonDocumentFilterDefinition<BsonDocument>(ToBson(filter, fieldOf));

    /// <summary>One condition on one stored field. Values hold one item, or two for <see cref="FilterOp.Between"/>.</summary>
    public static BsonDocument Condition(string field, FilterOp op, IReadOnlyList<string> values) => op switch
    {
        FilterOp.Eq => Compare(field, "$eq", values[0]),
        FilterOp.Ne => Compare(field, "$ne", values[0]),
        FilterOp.Lt => Compare(field, "$lt", values[0]),
        FilterOp.Le => Compare(field, "$lte", values[0]),
        FilterOp.Gt => Compare(field, "$gt", values[0]),
        FilterOp.Ge => Compare(field, "$gte", values[0]),
        FilterOp.Between => new BsonDocument(field, new BsonDocument { { "$gte", values[0] }, { "$lte", values[1] } }),
        FilterOp.BeginsWith => new BsonDocument(field, new BsonRegularExpression("^" + EscapeRegex(values[0]))),
        FilterOp.Contains => new BsonDocument(field, new BsonRegularExpression(EscapeRegex(values[0]))),
        FilterOp.NotContains => new BsonDocument(field, new BsonDocument("$not", new BsonRegularExpression(EscapeRegex(values[0])))),
        _ => throw ChatException.BadInput($"The filter operator '{op}' is not supported."),
    };

    /// <summary>
    /// Makes <paramref name="text"/> a literal PCRE pattern: in PCRE a backslash before any non-alphanumeric ASCII
    /// character means that character itself, so escaping all of them (not only today's metacharacters) is safe
    /// whatever the server's regex dialect adds. Letters, digits and non-ASCII characters are literal as they are.
    /// A NUL cannot be escaped (BSON stores a pattern as a C string, and the driver throws on one): it is BAD_USER_INPUT
    /// here too, behind the API's own check, so no caller of the store gets a driver exception.
    /// </summary>
    public static string EscapeRegex(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw ChatException.BadInput("A text filter must not contain NUL characters.");
        }

        var escaped = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            if (char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static BsonDocument Compare(string field, string op, string value) => new(field, new BsonDocument(op, value));

    private static BsonDocument Translate(Filter filter, Func<FilterField, string?> fieldOf, int depth, ref int conditions)
    {
        if (depth > MaxDepth)
        {
            throw ChatException.BadInput($"The filter is nested deeper than {MaxDepth} levels.");
        }

        switch (filter)
        {
            case AndFilter and:
                return and.Filters.Count == 0 ? [] : new BsonDocument("$and", Translate(and.Filters, fieldOf, depth, ref conditions));
            case OrFilter or:
                return or.Filters.Count == 0 ? MatchNothing : new BsonDocument("$or", Translate(or.Filters, fieldOf, depth, ref conditions));
            case NotFilter not:
                return new BsonDocument("$nor", new BsonArray { Translate(not.Filter, fieldOf, depth + 1, ref conditions) });
            case ConditionFilter condition:
                if (++conditions > MaxConditions)
                {
                    throw ChatException.BadInput($"The filter has more than {MaxConditions} conditions.");
                }

                var field = fieldOf(condition.Field)
                    ?? throw ChatException.BadInput($"This list cannot be filtered by '{condition.Field}'.");
                var expected = condition.Op == FilterOp.Between ? 2 : 1;
                if (condition.Values is null || condition.Values.Count != expected || condition.Values.Any(v => v is null))
                {
                    throw ChatException.BadInput($"'{condition.Op}' on '{condition.Field}' takes {expected} value(s).");
                }

                return Condition(field, condition.Op, condition.Values);
            default:
                throw ChatException.BadInput("The filter is not supported.");
        }
    }

    private static BsonArray Translate(IReadOnlyList<Filter> filters, Func<FilterField, string?> fieldOf, int depth, ref int conditions)
    {
        var array = new BsonArray(filters.Count);
        foreach (var filter in filters)
        {
            array.Add(Translate(filter, fieldOf, depth + 1, ref conditions));
        }

        return array;
    }
}
