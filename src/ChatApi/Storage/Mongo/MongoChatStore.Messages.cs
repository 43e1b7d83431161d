using Chatt.ChatApi.Common;
using Chatt.ChatApi.Messages;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

public sealed partial class MongoChatStore
{
    /// <summary>
    /// Seq is the conversation's <c>lastSeq</c> after an atomic <c>$inc</c> (findOneAndUpdate), and the message is
    /// inserted in the same transaction. Why no failure can leave a hole: the counter move and the insert commit
    /// together or not at all — a crash, a lost connection or a duplicate id between the two aborts the transaction
    /// and the <c>$inc</c> is undone, so a seq exists in <c>lastSeq</c> only if its message exists. Concurrent appends
    /// to one conversation on any number of instances serialize on the conversation document: the second
    /// transaction to touch it gets a write conflict and is retried from the start, so seqs are handed out in commit
    /// order without gaps. The unique (conversationId, seq) index is the backstop that would refuse a duplicate.
    /// </summary>
    public async Task<AppendResult> AppendMessageAsync(NewMessage message, CancellationToken cancellationToken)
    {
        // The common retry (same id sent again) is answered by one read, without opening a transaction.
        if (await GetMessageAsync(message.Id, cancellationToken) is { } existing)
        {
            return new AppendResult(existing, false);
        }

        var createdAt = Timestamps.Truncate(message.CreatedAt);
        // Both counters move by one: the message's position (seq) and the conversation's change (rev).
        var claim = Builders<BsonDocument>.Update
            .Inc(D.LastSeq, 1L)
            .Inc(D.LastRev, 1L)
            .Max(D.LastActivityAt, Timestamps.ToText(createdAt))
            .Max(D.UpdatedAt, Timestamps.ToText(createdAt));
        var claimOptions = new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After };
        try
        {
            var (stored, conversation) = await InTransactionAsync(async (session, token) =>
            {
                if (message.ReplyToId is { } replyToId
                    && (await Messages.Find(session, F.Eq(D.Id, replyToId)).FirstOrDefaultAsync(token))?[D.ConversationId].AsString != message.ConversationId)
                {
                    throw ChatException.BadInput("'replyToId' must name a message of the same conversation.");
                }

                if (!await Users.Find(session, F.Eq(D.Id, message.AuthorId)).AnyAsync(token))
                {
                    throw ChatException.NotFound("Author");
                }

                var document = await Conversations.FindOneAndUpdateAsync(session, F.Eq(D.Id, message.ConversationId), claim, claimOptions, token)
                    ?? throw ChatException.NotFound("Conversation");
                var conversation = D.ToConversation(document);
                var appended = message.Appended(conversation, createdAt);
                await Messages.InsertOneAsync(session, D.ToBson(appended), cancellationToken: token);
                return (appended, conversation);
            }, cancellationToken);
            return new AppendResult(stored, true, conversation);
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // A concurrent append with the same id committed first; ours was aborted, so its $inc never happened.
            // (A duplicate (conversationId, seq) cannot come from this code; if it ever did, it is not hidden.)
            return await GetMessageAsync(message.Id, cancellationToken) is { } raced
                ? new AppendResult(raced, false)
                : throw new InvalidOperationException("An append hit a duplicate key that is not its message id.", e);
        }
    }

    public async Task<Message?> GetMessageAsync(string id, CancellationToken cancellationToken)
    {
        var document = await Messages.Find(F.Eq(D.Id, id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToMessage(document);
    }

    public async Task<Page<Message>> ListMessagesAsync(string conversationId, long? afterSeq, PageRequest page, CancellationToken cancellationToken)
    {
        var query = MongoPaging.MessagesBySeq(conversationId, afterSeq, page);
        var items = await RunAsync(Messages, query, D.ToMessage, cancellationToken);
        return MongoPaging.ToPage(items, page, m => MongoPaging.SeqKey(m.Seq));
    }

    public async Task<Page<Message>> ListMessagesChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken)
    {
        var query = MongoPaging.MessagesByRev(conversationId, afterRev, page);
        var items = await RunAsync(Messages, query, D.ToMessage, cancellationToken);
        return MongoPaging.ToPage(items, page, m => PageKeys.Seq(m.Rev));
    }

    public Task<Change<Message>> EditMessageAsync(MessageEdit edit, CancellationToken cancellationToken) =>
        ChangeMessageAsync(edit.MessageId, current => ChangeRules.Edit(current, edit), cancellationToken);

    public Task<Change<Message>> DeleteMessageAsync(string messageId, string deletedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.Delete(current, deletedBy, now), cancellationToken);

    /// <summary>The reactions live in the message document (an array of { emoji, userIds }), so the key (message, emoji, user)
    /// is unique by construction and the totals are the arrays' lengths; the transaction makes read-add-write one step.</summary>
    public Task<Change<Message>> AddReactionAsync(string messageId, string userId, string emoji, int maxKinds, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.AddReaction(current, userId, emoji, maxKinds, now), cancellationToken);

    public Task<Change<Message>> RemoveReactionAsync(string messageId, string userId, string emoji, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeMessageAsync(messageId, current => ChangeRules.RemoveReaction(current, userId, emoji, now), cancellationToken);

    /// <summary>A change of one message: read in the transaction, decided by the rule, replaced whole with the new rev.</summary>
    private async Task<Change<Message>> ChangeMessageAsync(string messageId, Func<Message, Message?> rule, CancellationToken cancellationToken)
    {
        // A message never moves between conversations, so its conversation id may be read before the transaction.
        var conversationId = (await GetMessageAsync(messageId, cancellationToken) ?? throw ChatException.NotFound("Message")).ConversationId;
        return await ChangeAsync(conversationId,
            async (session, token) =>
            {
                var document = await Messages.Find(session, F.Eq(D.Id, messageId)).FirstOrDefaultAsync(token) ?? throw ChatException.NotFound("Message");
                var current = D.ToMessage(document);
                return (current, rule(current));
            },
            (next, rev) => next with { Rev = rev },
            (session, next, token) => Messages.ReplaceOneAsync(session, F.Eq(D.Id, next.Id), D.ToBson(next), cancellationToken: token),
            cancellationToken);
    }

    public async Task<Page<Message>> ListMessagesByAuthorAsync(string authorId, PageRequest page, CancellationToken cancellationToken)
    {
        var query = MongoPaging.ByTimeAndId(new BsonDocument(D.AuthorId, authorId), D.CreatedAt, page, D.MessageField);
        var items = await RunAsync(Messages, query, D.ToMessage, cancellationToken);
        return MongoPaging.ToPage(items, page, m => MongoPaging.TimeKey(m.CreatedAt, m.Id));
    }

    // Read state

    public async Task<long> MarkReadAsync(string conversationId, string userId, long seq, CancellationToken cancellationToken)
    {
        // $max never moves the mark back; the upsert makes the first mark. Two first marks racing on the same _id
        // are retried by the server itself (an upsert on an equality match of a unique index).
        var update = Builders<BsonDocument>.Update
            .Max(D.Seq, seq)
            .SetOnInsert(D.ConversationId, conversationId)
            .SetOnInsert(D.UserId, userId);
        var document = await ReadState.FindOneAndUpdateAsync(F.Eq(D.Id, D.ReadStateId(conversationId, userId)), update,
            new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After }, cancellationToken);
        return document[D.Seq].ToInt64();
    }

    public async Task<long> GetReadSeqAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var document = await ReadState.Find(F.Eq(D.Id, D.ReadStateId(conversationId, userId))).FirstOrDefaultAsync(cancellationToken);
        return document is null ? 0 : document[D.Seq].ToInt64();
    }

    public async Task<int> CountUnreadAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var readSeq = await GetReadSeqAsync(conversationId, userId, cancellationToken);
        // A range scan of the (conversationId, seq) index after the mark; the author test runs only on those.
        var count = await Messages.CountDocumentsAsync(MongoPaging.Unread(conversationId, userId, readSeq), cancellationToken: cancellationToken);
        return (int)Math.Min(count, int.MaxValue);
    }

    public async Task<int> CountUnreadMentionsAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var readSeq = await GetReadSeqAsync(conversationId, userId, cancellationToken);
        var count = await Messages.CountDocumentsAsync(MongoPaging.UnreadMentions(conversationId, userId, readSeq), cancellationToken: cancellationToken);
        return (int)Math.Min(count, int.MaxValue);
    }
}
