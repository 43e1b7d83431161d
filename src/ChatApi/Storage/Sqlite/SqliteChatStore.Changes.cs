using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage.Sqlite;

public sealed partial class SqliteChatStore
{
    public Task<ConversationCreation> FindOrCreateDirectConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<Conversation>> RenameConversationAsync(string conversationId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<ConvoLink>> RemoveLinkAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<ConvoLink>> UpdateLinkRoleAsync(string conversationId, string userId, ConvoRole role, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<ConvoLink?> GetLinkIncludingRemovedAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Page<ConvoLink>> ListLinksChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<ConvoLink>> ListMembersAsync(string conversationId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<ChangeBatch> ListChangesAsync(string conversationId, long afterRev, int limit, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<long> GetReplayFloorAsync(string conversationId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<Message>> EditMessageAsync(MessageEdit edit, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<Message>> DeleteMessageAsync(string messageId, string deletedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<Message>> AddReactionAsync(string messageId, string userId, string emoji, int maxKinds, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Change<Message>> RemoveReactionAsync(string messageId, string userId, string emoji, DateTimeOffset now, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<Page<Message>> ListMessagesChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<int> CountUnreadMentionsAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
