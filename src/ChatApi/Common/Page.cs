namespace Chatt.ChatApi.Common;

/// <summary>
/// One page of a list. <see cref="NextKey"/> is the store's raw continuation key (null on the last page);
/// the API wraps it into an opaque <c>nextToken</c> with <see cref="Cursor"/>.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextKey);
