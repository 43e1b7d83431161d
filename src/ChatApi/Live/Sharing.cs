using GraphQL.Builders;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace Chatt.ChatApi.Live;

/// <summary>
/// Where the schema declares which fields may be resolved once and shared by every subscriber of a selection.
/// A field is <see cref="Shareable"/> when its value is the same for every member allowed to see the event (who may
/// see it is the conversation feed's business, checked before delivery). <see cref="PerCaller{TSource}"/> fields
/// depend on the caller but can be answered from the live state in memory (read marks, membership, the event's own
/// data): a shared render leaves a placeholder that each subscriber's value is spliced into. A field with no mark is
/// per-caller and not computable: a selection that reaches it runs on its subscriber's own execution (fail closed).
/// </summary>
public static class Sharing
{
    internal const string MetadataKey = "chatt.live.sharing";

    /// <summary>Marks the field as the same for every member who may see it.</summary>
    public static FieldBuilder<TSource, TReturn> Shareable<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[MetadataKey] = SharingMark.Shareable;
        return field;
    }

    /// <summary>
    /// Marks the field as per-caller, answered from live state: <paramref name="fromState"/> turns the field's source
    /// into the function of the caller that gives its value; <paramref name="placeholder"/> is what a shared render
    /// resolves it to (a valid value of the field's type, replaced before anyone sees it). Call after Resolve.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> PerCaller<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, object placeholder, Func<TSource, CallerValue> fromState)
    {
        var type = field.FieldType;
        type.Metadata[MetadataKey] = SharingMark.FromState;
        type.Resolver = new PerCallerResolver(type.Resolver ?? throw new InvalidOperationException($"Resolve '{type.Name}' before marking it per-caller."),
            placeholder, source => fromState((TSource)source!));
        return field;
    }

    /// <summary>Marks fields of a type shareable by name (for types whose every listed field qualifies); a name the type lacks throws.</summary>
    public static void MarkShareable(this IComplexGraphType type, params string[] fieldNames)
    {
        foreach (var name in fieldNames)
        {
            (type.GetField(name) ?? throw new InvalidOperationException($"{type.Name} has no field '{name}'.")).Metadata[MetadataKey] = SharingMark.Shareable;
        }
    }

    /// <summary>How a field is marked; null (no mark) means per-caller and not computable.</summary>
    public static SharingMark? MarkOf(IFieldType field) => field.Metadata.TryGetValue(MetadataKey, out var mark) && mark is SharingMark known ? known : null;

    private sealed class PerCallerResolver(IFieldResolver inner, object placeholder, Func<object?, CallerValue> fromState) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(global::GraphQL.IResolveFieldContext context)
        {
            if (context.RequestServices?.GetService(typeof(LiveSlot)) is LiveSlot { Placeholders: { } placeholders })
            {
                placeholders.Add(ResultTemplate.PathOf(context.Path), fromState(context.Source));
                return new ValueTask<object?>(placeholder);
            }

            return inner.ResolveAsync(context);
        }
    }
}

public enum SharingMark
{
    /// <summary>The same for every member who may see it.</summary>
    Shareable,

    /// <summary>Per-caller, computed from live state and spliced into a shared result.</summary>
    FromState,
}
