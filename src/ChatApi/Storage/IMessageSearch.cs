using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage;

/// <summary>
/// The search port: full-text search over messages, registered by the same composition that picks the store
/// (<see cref="StorageExtensions.AddChatStore"/>). Contract (every implementation passes the same contract tests):
/// <list type="bullet">
/// <item>A message matches when every term matches its current content, ignoring case and accents: a word as the
/// start of a word (<c>deploy</c> finds <c>deployment</c>), a word of 3+ characters also anywhere inside words and in
/// any script (<c>ploy</c>, <c>하세요</c>, <c>タワー</c>), a phrase as its words in order.</item>
/// <item>Only messages of <see cref="MessageSearchRequest.ConversationIds"/> (the caller's conversations now, decided by
/// the service), by <see cref="MessageSearchRequest.AuthorIds"/> when given, that pass the page's filter.</item>
/// <item>Never a deleted message; an edit is searchable as its new text the moment it commits, its old text not at all.</item>
/// <item>Newest first, paged by opaque keys of this list (a malformed key is BAD_USER_INPUT).</item>
/// </list>
/// This is where an external engine (OpenSearch, Meilisearch) would plug in: an implementation that indexes from the
/// change stream and answers the same request.
/// </summary>
public interface IMessageSearch
{
    Task<Page<Message>> SearchMessagesAsync(MessageSearchRequest request, PageRequest page, CancellationToken cancellationToken);
}
