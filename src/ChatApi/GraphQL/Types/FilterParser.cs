using Chatt.ChatApi.Common;

namespace Chatt.ChatApi.GraphQL.Types;

/// <summary>
/// Turns a <c>Model*FilterInput</c> argument (as the executor coerced it: nested dictionaries) into the
/// store-neutral <see cref="Filter"/> tree. Anything the stores could not honour exactly — an empty comparison,
/// a null operand, <c>between</c> without two bounds, an empty <c>and</c>/<c>or</c>, an operand holding a NUL character
/// (MongoDB cannot hold one in a regular expression, SQLite's string functions stop at it) — is BAD_USER_INPUT, never
/// ignored, so both stores see only operands they can honour.
/// </summary>
public static class FilterParser
{
    private const int MaxNodes = 50;

    private static readonly Dictionary<string, FilterOp> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = FilterOp.Eq,
        ["ne"] = FilterOp.Ne,
        ["lt"] = FilterOp.Lt,
        ["le"] = FilterOp.Le,
        ["gt"] = FilterOp.Gt,
        ["ge"] = FilterOp.Ge,
        ["between"] = FilterOp.Between,
        ["beginsWith"] = FilterOp.BeginsWith,
        ["contains"] = FilterOp.Contains,
        ["notContains"] = FilterOp.NotContains,
    };

    public static Filter? Parse(IDictionary<string, object?>? input, IReadOnlyDictionary<string, FilterField> fields)
    {
        if (input is null)
        {
            return null;
        }

        var nodes = 0;
        return ParseObject(input, fields, "filter", ref nodes);
    }

    private static Filter ParseObject(IDictionary<string, object?> input, IReadOnlyDictionary<string, FilterField> fields, string path, ref int nodes)
    {
        if (++nodes > MaxNodes)
        {
            throw ChatException.BadInput($"'filter' is too complex (more than {MaxNodes} parts).");
        }

        var parts = new List<Filter>();
        foreach (var (key, value) in input)
        {
            var at = $"{path}.{key}";
            if (value is null)
            {
                throw ChatException.BadInput($"'{at}' must not be null.");
            }

            switch (key)
            {
                case "and" or "or":
                    var children = value as IEnumerable<object?> ?? throw ChatException.BadInput($"'{at}' must be a list.");
                    var list = new List<Filter>();
                    foreach (var child in children)
                    {
                        list.Add(child is IDictionary<string, object?> dictionary
                            ? ParseObject(dictionary, fields, at, ref nodes)
                            : throw ChatException.BadInput($"'{at}' must hold filter objects."));
                    }

                    if (list.Count == 0)
                    {
                        throw ChatException.BadInput($"'{at}' must hold at least one filter.");
                    }

                    parts.Add(key == "and" ? new AndFilter(list) : new OrFilter(list));
                    break;
                case "not":
                    parts.Add(new NotFilter(value is IDictionary<string, object?> inner
                        ? ParseObject(inner, fields, at, ref nodes)
                        : throw ChatException.BadInput($"'{at}' must be a filter object.")));
                    break;
                default:
                    var field = fields.TryGetValue(key, out var f) ? f : throw ChatException.BadInput($"'{at}' cannot be filtered on.");
                    parts.AddRange(ParseComparisons(field, value as IDictionary<string, object?> ?? throw ChatException.BadInput($"'{at}' must be a comparison object."), at));
                    break;
            }
        }

        return parts.Count switch
        {
            0 => throw ChatException.BadInput($"'{path}' names no condition."),
            1 => parts[0],
            _ => new AndFilter(parts),
        };
    }

    private static IEnumerable<Filter> ParseComparisons(FilterField field, IDictionary<string, object?> comparison, string path)
    {
        if (comparison.Count == 0)
        {
            throw ChatException.BadInput($"'{path}' names no operator.");
        }

        foreach (var (name, operand) in comparison)
        {
            var op = Operators.TryGetValue(name, out var o) ? o : throw ChatException.BadInput($"'{path}.{name}' is not a supported operator.");
            if (operand is null)
            {
                throw ChatException.BadInput($"'{path}.{name}' must not be null.");
            }

            if (op == FilterOp.Between)
            {
                var bounds = (operand as IEnumerable<object?>)?.Select(b => b?.ToString()).ToArray();
                if (bounds is not { Length: 2 } || bounds.Any(b => b is null))
                {
                    throw ChatException.BadInput($"'{path}.between' needs exactly two values.");
                }

                yield return new ConditionFilter(field, op, [RequireNoNul(bounds[0]!, $"{path}.between"), RequireNoNul(bounds[1]!, $"{path}.between")]);
            }
            else
            {
                yield return new ConditionFilter(field, op, [RequireNoNul(operand.ToString()!, $"{path}.{name}")]);
            }
        }
    }

    /// <summary>Refuses a filter operand holding U+0000, which neither store can match as written.</summary>
    public static string RequireNoNul(string operand, string path) =>
        operand.Contains('\0', StringComparison.Ordinal)
            ? throw ChatException.BadInput($"'{path}' must not contain NUL characters.")
            : operand;
}
