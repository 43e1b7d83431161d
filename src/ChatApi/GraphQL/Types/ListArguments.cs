using Chatt.ChatApi.Common;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL.Types;

/// <summary>The AppSync list arguments (<c>filter, sortDirection, limit, nextToken</c>) and their validation.</summary>
public static class ListArguments
{
    public static FieldBuilder<TSource, TReturn> ListArgs<TSource, TReturn, TFilter>(this FieldBuilder<TSource, TReturn> field)
        where TFilter : IInputObjectGraphType =>
        field.Argument<TFilter>("filter")
            .ListArgs();

    public static FieldBuilder<TSource, TReturn> ListArgs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<ModelSortDirectionType>("sortDirection")
            .Argument<IntGraphType>("limit", $"1–{PageRequest.MaxLimit}; default {PageRequest.DefaultLimit}.")
            .Argument<StringGraphType>("nextToken", "The nextToken of the previous page of this same list.");

    /// <summary>Reads the list arguments; <paramref name="list"/> names the list so its tokens work only on it.</summary>
    public static PageRequest ReadPage(this IResolveFieldContext context, string list, IReadOnlyDictionary<string, FilterField>? filterFields = null)
    {
        var limit = context.GetArgument<int?>("limit") ?? Common.PageRequest.DefaultLimit;
        if (limit is < 1 or > Common.PageRequest.MaxLimit)
        {
            throw ChatException.BadInput($"'limit' must be between 1 and {Common.PageRequest.MaxLimit}.");
        }

        var direction = context.GetArgument<SortDirection?>("sortDirection") ?? SortDirection.Asc;
        var filter = filterFields is null ? null : FilterParser.Parse(context.GetArgument<Dictionary<string, object?>?>("filter"), filterFields);
        var after = Cursor.Decode($"{list}:{direction}", context.GetArgument<string?>("nextToken"));
        return new PageRequest(limit, direction, after, filter);
    }

    /// <summary>Wraps a store page as a connection whose token only this list (and direction) accepts.</summary>
    public static Connection<T> ToConnection<T>(this Page<T> page, PageRequest request, string list) =>
        new(page.Items, Cursor.Encode($"{list}:{request.Direction}", page.NextKey));
}
