namespace Chatt.ChatApi.Common;

/// <summary>
/// A store-neutral filter tree built from the AppSync-style <c>Model*FilterInput</c> arguments.
/// Every store translates it into its own query language, so a filter narrows the page before
/// <c>limit</c> is applied and indexes can serve it.
/// </summary>
public abstract record Filter;

public sealed record AndFilter(IReadOnlyList<Filter> Filters) : Filter;

public sealed record OrFilter(IReadOnlyList<Filter> Filters) : Filter;

public sealed record NotFilter(Filter Filter) : Filter;

/// <summary>One comparison of a string field. Values hold one item, or two for <see cref="FilterOp.Between"/>.</summary>
public sealed record ConditionFilter(FilterField Field, FilterOp Op, IReadOnlyList<string> Values) : Filter;

public enum FilterOp
{
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
    BeginsWith,
    Contains,
    NotContains,
}

/// <summary>The scalar fields a filter may name. Timestamps are fixed-width ISO-8601 UTC strings, so they compare as text.</summary>
public enum FilterField
{
    Id,
    CreatedAt,
    UpdatedAt,
    // Message
    AuthorId,
    Content,
    MessageConversationId,
    // ConvoLink
    ConvoLinkUserId,
    ConvoLinkConversationId,
}
