using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// The rules about messages: only current members post, read, react; the author is always the caller; only the
/// author edits; the author or an OWNER/ADMIN deletes. Every write is safe to retry: a client-supplied id makes a
/// post idempotent, an edit to the text already there and a second delete change nothing, reactions are a set,
/// and an edit carries the rev it was based on (stale: CONFLICT). Seq and rev are the store's.
/// </summary>
public sealed class MessageService(
    IChatStore store,
    ChangePublisher changes,
    ConversationService conversations,
    MentionResolver mentions,
    IdGenerator ids,
    TimeProvider time,
    IOptions<ChatOptions> options)
{
    public async Task<Message> PostAsync(string callerId, PostMessage post, CancellationToken cancellationToken)
    {
        if (post.AuthorId is not null && post.AuthorId != callerId)
        {
            throw ChatException.Forbidden("'authorId' must be your own id (or left out).");
        }

        RequireContent(post.Content);
        if (post.ClientCreatedAt is { Length: > 64 })
        {
            throw ChatException.BadInput("'createdAt' must be at most 64 characters.");
        }

        var messageId = post.Id is null ? ids.NewId() : Ids.Require(post.Id, "id");
        var replyToId = post.ReplyToId is null ? null : Ids.Require(post.ReplyToId, "replyToId");
        var (_, link) = await conversations.GetWithCallerLinkAsync(callerId, post.ConversationId, cancellationToken);
        ResolvedMentions resolved;
        try
        {
            resolved = await mentions.ResolveAsync(post.Content, post.ConversationId, link.Role, cancellationToken);
        }
        catch (ChatException) when (post.Id is not null)
        {
            // A retry of a post that went through is answered with the original even if its mentions would not
            // resolve now (the person left meanwhile). Looked up only on this path: the happy path reads nothing more.
            if (await store.GetMessageAsync(messageId, cancellationToken) is { } existing)
            {
                return AnswerRetry(existing, callerId, post.ConversationId);
            }

            throw;
        }

        // The store checks replyToId (same conversation) in the append's transaction, after the idempotency check.
        var result = await store.AppendMessageAsync(new NewMessage
        {
            Id = messageId,
            ConversationId = post.ConversationId,
            AuthorId = callerId,
            Content = post.Content,
            CreatedAt = Timestamps.Truncate(time.GetUtcNow()),
            ClientCreatedAt = post.ClientCreatedAt,
            ReplyToId = replyToId,
            MentionIds = resolved.UserIds,
            MentionsAll = resolved.All,
        }, cancellationToken);

        if (!result.Created)
        {
            // Same id: a retry of the caller's own post is answered with the original; anyone else's id is refused.
            return AnswerRetry(result.Message, callerId, post.ConversationId);
        }

        await changes.PublishAsync(new Change<Message>(result.Message, result.Conversation!, Changed: true), ChangeKind.MessageCreated, callerId, cancellationToken);
        return result.Message;
    }

    /// <summary>
    /// Replaces the content of the caller's own message. New text must be based on <paramref name="expectedRev"/>,
    /// the message's current rev (else CONFLICT); text equal to what is stored is a no-op whatever the rev, so a
    /// retried edit that already applied answers the message as it is.
    /// </summary>
    public async Task<Message> EditAsync(string callerId, string messageId, string? content, long expectedRev, CancellationToken cancellationToken)
    {
        RequireContent(content);
        var (message, link) = await GetForMemberAsync(callerId, messageId, cancellationToken);
        if (message.AuthorId != callerId)
        {
            throw ChatException.Forbidden("Only the author edits a message.");
        }

        if (message.DeletedAt is not null)
        {
            throw new ChatException(ErrorCodes.Conflict, "The message was deleted.");
        }

        if (message.Content == content)
        {
            return message;
        }

        var resolved = await mentions.ResolveAsync(content!, message.ConversationId, link.Role, cancellationToken);
        var change = await store.EditMessageAsync(new MessageEdit
        {
            MessageId = messageId,
            Content = content!,
            ExpectedRev = expectedRev,
            MentionIds = resolved.UserIds,
            MentionsAll = resolved.All,
            At = Timestamps.Truncate(time.GetUtcNow()),
        }, cancellationToken);
        await changes.PublishAsync(change, ChangeKind.MessageEdited, callerId, cancellationToken);
        return change.Value;
    }

    /// <summary>Turns a message into a tombstone: the author's own, or anyone's for an OWNER/ADMIN. A second delete returns the tombstone.</summary>
    public async Task<Message> DeleteAsync(string callerId, string messageId, CancellationToken cancellationToken)
    {
        var (message, link) = await GetForMemberAsync(callerId, messageId, cancellationToken);
        if (message.AuthorId != callerId && link.Role < ConvoRole.Admin)
        {
            throw ChatException.Forbidden("Only the author, an owner or an admin deletes a message.");
        }

        var change = await store.DeleteMessageAsync(messageId, callerId, Timestamps.Truncate(time.GetUtcNow()), cancellationToken);
        await changes.PublishAsync(change, ChangeKind.MessageDeleted, callerId, cancellationToken);
        return change.Value;
    }

    /// <summary>Adds or removes the caller's reaction; set semantics on (message, emoji, caller), so repeating either changes nothing.</summary>
    public async Task<Message> ReactAsync(string callerId, string messageId, string? emoji, bool add, CancellationToken cancellationToken)
    {
        emoji = Emoji.Require(emoji);
        await GetForMemberAsync(callerId, messageId, cancellationToken);
        var now = Timestamps.Truncate(time.GetUtcNow());
        var change = add
            ? await store.AddReactionAsync(messageId, callerId, emoji, options.Value.MaxReactionKindsPerMessage, now, cancellationToken)
            : await store.RemoveReactionAsync(messageId, callerId, emoji, now, cancellationToken);
        await changes.PublishAsync(change, add ? ChangeKind.ReactionAdded : ChangeKind.ReactionRemoved, callerId, cancellationToken, emoji);
        return change.Value;
    }

    /// <summary>
    /// A conversation's messages: by seq (optionally after <paramref name="afterSeq"/>), or — with
    /// <paramref name="changedAfterRev"/> — every message created or changed after that rev, tombstones included, in rev order.
    /// </summary>
    public async Task<Page<Message>> ListAsync(string callerId, string conversationId, long? afterSeq, long? changedAfterRev, PageRequest page, CancellationToken cancellationToken)
    {
        if (afterSeq < 0)
        {
            throw ChatException.BadInput("'afterSeq' must not be negative.");
        }

        if (afterSeq is not null && changedAfterRev is not null)
        {
            throw ChatException.BadInput("'afterSeq' and 'changedAfterRev' cannot be used together: one is a position, the other a change-stream point.");
        }

        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return changedAfterRev is { } rev
            ? await store.ListMessagesChangedAfterAsync(conversationId, await conversations.RequireReplayableAsync(conversationId, rev, cancellationToken), page, cancellationToken)
            : await store.ListMessagesAsync(conversationId, afterSeq, page, cancellationToken);
    }

    public Task<Page<Message>> ListOfAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken) =>
        store.ListMessagesByAuthorAsync(authorId, page, cancellationToken);

    public async Task<Message?> LastAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        var page = await ListAsync(callerId, conversationId, null, null, new PageRequest(1, SortDirection.Desc), cancellationToken);
        return page.Items.Count > 0 ? page.Items[0] : null;
    }

    public async Task<int> UnreadCountAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return await store.CountUnreadAsync(conversationId, callerId, cancellationToken);
    }

    public async Task<int> UnreadMentionCountAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return await store.CountUnreadMentionsAsync(conversationId, callerId, cancellationToken);
    }

    /// <summary>
    /// Moves the caller's read mark (never back; a seq beyond the newest message is a client bug, not a wish). When it
    /// moved, the new counts go out on the caller's topic so their other sessions' badges follow without a store read.
    /// </summary>
    public async Task<Conversation> MarkReadAsync(string callerId, string conversationId, long seq, CancellationToken cancellationToken)
    {
        var conversation = await conversations.GetForMemberAsync(callerId, conversationId, cancellationToken);
        if (seq < 0 || seq > conversation.LastSeq)
        {
            throw ChatException.BadInput($"'seq' must be between 0 and the conversation's last seq ({conversation.LastSeq}).");
        }

        var before = await store.GetReadSeqAsync(conversationId, callerId, cancellationToken);
        var after = await store.MarkReadAsync(conversationId, callerId, seq, cancellationToken);
        if (after != before)
        {
            var unread = await store.CountUnreadAsync(conversationId, callerId, cancellationToken);
            var unreadMentions = await store.CountUnreadMentionsAsync(conversationId, callerId, cancellationToken);
            await changes.PublishReadMarkAsync(new ReadMarkMoved(callerId, conversationId, after, unread, unreadMentions), cancellationToken);
        }

        return conversation;
    }

    /// <summary>The message and the caller's link to its conversation: NOT_FOUND when there is no such message, FORBIDDEN for a non-member.</summary>
    private async Task<(Message Message, ConvoLink Link)> GetForMemberAsync(string callerId, string messageId, CancellationToken cancellationToken)
    {
        Ids.Require(messageId, "id");
        var message = await store.GetMessageAsync(messageId, cancellationToken) ?? throw ChatException.NotFound("Message");
        return (message, await conversations.RequireMemberAsync(callerId, message.ConversationId, cancellationToken));
    }

    private static Message AnswerRetry(Message stored, string callerId, string conversationId) =>
        stored.AuthorId == callerId && stored.ConversationId == conversationId
            ? stored
            : throw new ChatException(ErrorCodes.Conflict, "A message with this id already exists.");

    private void RequireContent(string? content)
    {
        var maxLength = options.Value.MaxMessageLength;
        if (string.IsNullOrWhiteSpace(content))
        {
            throw ChatException.BadInput("'content' must not be empty.");
        }

        if (content.Length > maxLength)
        {
            throw ChatException.BadInput($"'content' must be at most {maxLength} characters.");
        }
    }
}
