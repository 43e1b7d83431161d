namespace Chatt.ChatApi.GraphQL.Types;

/// <summary>An AppSync-style connection: a page of items and the opaque token of the next page (null at the end).</summary>
public sealed record Connection<T>(IReadOnlyList<T> Items, string? NextToken);
