using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// The rules about messages: only members post and read; the author is always the caller; a client-supplied
/// id makes a post idempotent (a retry returns the stored message and writes nothing); seq is the store's.
/// </summary>
public sealed class MessageService(
    IChatStore store,
    IEventBus bus,
    ConversationService conversations,
    IdGenerator ids,
    TimeProvider time,
    ChatTelemetry telemetry,
    IOptions<ChatOptions> options)
{
    public async Task<Message> PostAsync(string callerId, PostMessage post, CancellationToken cancellationToken)
    {
        if (post.AuthorId is not null && post.AuthorId != callerId)
        {
            throw ChatException.Forbidden("'authorId' must be your own id (or left out).");
        }

        var maxLength = options.Value.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(post.Content))
        {
            throw ChatException.BadInput("'content' must not be empty.");
        }

        if (post.Content.Length > maxLength)
        {
            throw ChatException.BadInput($"'content' must be at most {maxLength} characters.");
        }

        if (post.ClientCreatedAt is { Length: > 64 })
        {
            throw ChatException.BadInput("'createdAt' must be at most 64 characters.");
        }

        var messageId = post.Id is null ? ids.NewId() : Ids.Require(post.Id, "id");
        await conversations.GetForMemberAsync(callerId, post.ConversationId, cancellationToken);

        var result = await store.AppendMessageAsync(new NewMessage
        {
            Id = messageId,
            ConversationId = post.ConversationId,
            AuthorId = callerId,
            Content = post.Content,
            CreatedAt = Timestamps.Truncate(time.GetUtcNow()),
            ClientCreatedAt = post.ClientCreatedAt,
        }, cancellationToken);

        if (!result.Created)
        {
            // Same id: a retry of the caller's own post is answered with the original; anyone else's id is refused.
            return result.Message.AuthorId == callerId && result.Message.ConversationId == post.ConversationId
                ? result.Message
                : throw new ChatException(ErrorCodes.Conflict, "A message with this id already exists.");
        }

        await bus.PublishAsync(Topic.Conversation(result.Message.ConversationId), new MessageCreated(result.Message), cancellationToken);
        telemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("kind", "message"));
        return result.Message;
    }

    public async Task<Page<Message>> ListAsync(string callerId, string conversationId, long? afterSeq, PageRequest page, CancellationToken cancellationToken)
    {
        if (afterSeq < 0)
        {
            throw ChatException.BadInput("'afterSeq' must not be negative.");
        }

        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return await store.ListMessagesAsync(conversationId, afterSeq, page, cancellationToken);
    }

    public Task<Page<Message>> ListOfAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListMessagesByAuthorAsync(authorId, page, cancellationToken);

    public async Task<Message?> LastAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        var page = await ListAsync(callerId, conversationId, null, new PageRequest(1, SortDirection.Desc), cancellationToken);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    public async Task<int> UnreadCountAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return await store.CountUnreadAsync(conversationId, callerId, cancellationToken);
    }

    /// <summary>Moves the caller's read mark; a seq beyond the newest message is a client bug, not a wish.</summary>
    public async Task<Conversation> MarkReadAsync(string callerId, string conversationId, long seq, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetForMemberAsync(callerId, conversationId, cancellationToken);
        if (seq < 0 || seq > conversation.LastSeq)
        {
            throw ChatException.BadInput($"'seq' must be between 0 and the conversation's last seq ({conversation.LastSeq}).");
        }

        await store.MarkReadAsync(conversationId, callerId, seq, cancellationToken);
        return conversation;
    }
}
