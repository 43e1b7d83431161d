namespace Chatt.ChatApi.Search;

/// <summary>
/// A parsed search box: every term must match (AND); <see cref="From"/> names authors by username and
/// <see cref="In"/> conversations by name or id (either list: any of them).
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchTerm> Terms, IReadOnlyList<string> From, IReadOnlyList<string> In);
