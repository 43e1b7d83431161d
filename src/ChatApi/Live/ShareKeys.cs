using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Chatt.ChatApi.Live;

/// <summary>
/// Decides, from the schema's marks (<see cref="Sharing"/>), whether a subscription's selection may be rendered once
/// for many subscribers, and builds the key they share under: the document, the operation and the COERCED variable
/// values (so <c>{"c":"1"}</c> and <c>{ "c" : "1" }</c> share, and a default applied by coercion counts).
/// </summary>
public static class ShareKeys
{
    /// <summary>The share key, or null when some field reached is unmarked (fail closed), or needs caller state the source lacks.</summary>
    public static string? For(IResolveFieldContext context, bool hasCallerState)
    {
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal);
        var usesCallerState = false;
        if (!Allows(context.FieldDefinition, ref usesCallerState)
            || (context.FieldAst.SelectionSet is { } selection
                && !IsShareable(context.Schema, context.FieldDefinition.ResolvedType!.GetNamedType(), selection, fragments, [], ref usesCallerState))
            || (usesCallerState && !hasCallerState))
        {
            return null;
        }

        var key = new StringBuilder();
        key.Append(context.Operation.Name?.StringValue).Append('\n').Append(context.Document.Source.Span).Append('\n');
        foreach (var variable in (context.Variables ?? []).OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            key.Append(variable.Name).Append('=');
            Canonical(variable.Value, key);
            key.Append('\n');
        }

        return key.ToString();
    }

    /// <summary>Whether every field reachable from <paramref name="selection"/> on <paramref name="type"/> is marked.</summary>
    public static bool IsShareable(ISchema schema, IGraphType type, GraphQLSelectionSet selection, IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments,
        HashSet<string> visiting, ref bool usesCallerState)
    {
        if (type is not IComplexGraphType complex)
        {
            return false; // unions and the like: nothing to check fields against, so not shared
        }

        foreach (var node in selection.Selections)
        {
            switch (node)
            {
                case GraphQLField field:
                    if (field.Name.StringValue == "__typename")
                    {
                        continue;
                    }

                    if (complex.GetField(field.Name.StringValue) is not { } definition || !Allows(definition, ref usesCallerState))
                    {
                        return false;
                    }

                    if (field.SelectionSet is { } inner && !IsShareable(schema, definition.ResolvedType!.GetNamedType(), inner, fragments, visiting, ref usesCallerState))
                    {
                        return false;
                    }

                    break;
                case GraphQLFragmentSpread spread:
                    var name = spread.FragmentName.Name.StringValue;
                    if (!fragments.TryGetValue(name, out var fragment) || !visiting.Add(name))
                    {
                        return false;
                    }

                    var ok = IsShareable(schema, schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue] ?? type, fragment.SelectionSet, fragments, visiting, ref usesCallerState);
                    visiting.Remove(name);
                    if (!ok)
                    {
                        return false;
                    }

                    break;
                case GraphQLInlineFragment inline:
                    var on = inline.TypeCondition is { } condition ? schema.AllTypes[condition.Type.Name.StringValue] ?? type : type;
                    if (!IsShareable(schema, on, inline.SelectionSet, fragments, visiting, ref usesCallerState))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    private static bool Allows(FieldType field, ref bool usesCallerState)
    {
        switch (Sharing.MarkOf(field))
        {
            case SharingMark.Shareable:
                return true;
            case SharingMark.FromState:
                usesCallerState = true;
                return true;
            default:
                return false;
        }
    }

    private static void Canonical(object? value, StringBuilder into)
    {
        switch (value)
        {
            case null:
                into.Append("null");
                break;
            case string text:
                into.Append(JsonSerializer.Serialize(text));
                break;
            case bool flag:
                into.Append(flag ? "true" : "false");
                break;
            case Enum enumValue:
                into.Append(enumValue.GetType().Name).Append('.').Append(enumValue);
                break;
            case IFormattable number:
                into.Append(value.GetType().Name).Append(':').Append(number.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IDictionary<string, object?> fields:
                into.Append('{');
                foreach (var (name, inner) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
                {
                    into.Append(JsonSerializer.Serialize(name)).Append(':');
                    Canonical(inner, into);
                    into.Append(',');
                }

                into.Append('}');
                break;
            case IEnumerable items:
                into.Append('[');
                foreach (var item in items)
                {
                    Canonical(item, into);
                    into.Append(',');
                }

                into.Append(']');
                break;
            default:
                into.Append(value.GetType().FullName).Append(':').Append(value);
                break;
        }
    }
}
