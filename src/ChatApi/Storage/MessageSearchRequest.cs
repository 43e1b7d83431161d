using Chatt.ChatApi.Search;

namespace Chatt.ChatApi.Storage;

/// <summary>What a search asks of the store: terms that must all match, within these conversations (and authors).</summary>
public sealed record MessageSearchRequest
{
    public required IReadOnlyList<SearchTerm> Terms { get; init; }

    /// <summary>The conversations to search; empty finds nothing.</summary>
    public required IReadOnlyCollection<string> ConversationIds { get; init; }

    /// <summary>Only messages by these users when not null; empty finds nothing.</summary>
    public IReadOnlyCollection<string>? AuthorIds { get; init; }
}
