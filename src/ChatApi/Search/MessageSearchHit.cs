using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Search;

/// <summary>A message that matched, with its excerpt (HTML-escaped, matches in <c>&lt;mark&gt;</c>; see <see cref="SearchSnippet"/>).</summary>
public sealed record MessageSearchHit(Message Message, string Snippet);
