using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

public sealed partial class MongoChatStore
{
    public async Task<ConversationCreation> CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken)
    {
        var conversationDocument = D.ToBson(conversation);
        var linkDocuments = links.Select(D.ToBson).ToList();
        try
        {
            // One transaction: a duplicate link (or conversation) aborts it, and nothing of the conversation remains.
            await InTransactionAsync(async (session, token) =>
            {
                await Conversations.InsertOneAsync(session, conversationDocument, cancellationToken: token);
                if (linkDocuments.Count > 0)
                {
                    await Links.InsertManyAsync(session, linkDocuments, cancellationToken: token);
                }

                return true;
            }, cancellationToken);
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            throw new ChatException(ErrorCodes.Conflict, "The conversation or one of its links already exists.");
        }

        return new ConversationCreation(conversation with { LastRev = 1, Rev = 1 }, [.. links.Select(l => l with { Rev = 1 })], true);
    }

    public async Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken)
    {
        var document = await Conversations.Find(F.Eq(D.Id, id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToConversation(document);
    }

    public async Task<IReadOnlyList<Conversation>> GetConversationsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var documents = await Conversations.Find(F.In(D.Id, ids)).ToListAsync(cancellationToken);
        return documents.ConvertAll(D.ToConversation);
    }

    public async Task<Change<ConvoLink>> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken)
    {
        try
        {
            await Links.InsertOneAsync(D.ToBson(link), cancellationToken: cancellationToken);
            return new Change<ConvoLink>(link, (await GetConversationAsync(link.ConversationId, cancellationToken))!, true);
        }
        catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // The unique (conversationId, userId) index said "already a member": the stored link is the answer.
            return await GetLinkAsync(link.ConversationId, link.UserId, cancellationToken) is { } existing
                ? new Change<ConvoLink>(existing, (await GetConversationAsync(link.ConversationId, cancellationToken))!, false)
                : throw new ChatException(ErrorCodes.Conflict, "A link with this id already exists.");
        }
    }

    public async Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var document = await Links.Find(F.Eq(D.ConversationId, conversationId) & F.Eq(D.UserId, userId)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToLink(document);
    }

    public Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync(new BsonDocument(D.UserId, userId), page, cancellationToken);

    public Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync(new BsonDocument(D.ConversationId, conversationId), page, cancellationToken);

    public async Task<IReadOnlyList<string>> GetConversationIdsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        var documents = await Links.Find(F.Eq(D.UserId, userId))
            .Sort(Builders<BsonDocument>.Sort.Ascending(D.CreatedAt).Ascending(D.Id))
            .Project(Builders<BsonDocument>.Projection.Include(D.ConversationId))
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(d => d[D.ConversationId].AsString);
    }

    public async Task<Page<Conversation>> ListConversationsByActivityAsync(string userId, PageRequest page, CancellationToken cancellationToken)
    {
        // Most recent first whatever the requested direction: that is what this list is for. The query is built
        // (and the key validated) before any read, so a malformed key fails the same way for every user.
        var byActivity = page with { Direction = Common.SortDirection.Desc };
        var conversationIds = await GetConversationIdsOfUserAsync(userId, cancellationToken);
        // Membership lives in links, activity in conversations: the user's ids (one index scan of links) bound a
        // query that the (lastActivityAt, _id) index orders. Denormalizing activity into every link would turn
        // each append into a write per member.
        var scope = new BsonDocument(D.Id, new BsonDocument("$in", new BsonArray(conversationIds)));
        var query = MongoPaging.ByTimeAndId(scope, D.LastActivityAt, byActivity, D.ConversationField);
        if (conversationIds.Count == 0)
        {
            return new Page<Conversation>([], null);
        }

        var items = await RunAsync(Conversations, query, D.ToConversation, cancellationToken);
        return MongoPaging.ToPage(items, byActivity, c => MongoPaging.TimeKey(c.LastActivityAt, c.Id));
    }

    private async Task<Page<ConvoLink>> ListLinksAsync(BsonDocument scope, PageRequest page, CancellationToken cancellationToken)
    {
        var query = MongoPaging.ByTimeAndId(scope, D.CreatedAt, page, D.LinkField);
        var items = await RunAsync(Links, query, D.ToLink, cancellationToken);
        return MongoPaging.ToPage(items, page, l => MongoPaging.TimeKey(l.CreatedAt, l.Id));
    }
}
