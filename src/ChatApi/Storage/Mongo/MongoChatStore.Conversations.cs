using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

public sealed partial class MongoChatStore
{
    /// <summary>"Is a member now": the link is not a tombstone (current links store <c>removedAt: null</c>).</summary>
    private static FilterDefinition<BsonDocument> Current => F.Eq(D.RemovedAt, BsonNull.Value);

    public Task<ConversationCreation> CreateConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken)
    {
        if (conversation.Direct)
        {
            throw new ArgumentException("Direct conversations are made by FindOrCreateDirectConversationAsync.", nameof(conversation));
        }

        return CreateAsync(conversation, links, directKey: null, cancellationToken);
    }

    public async Task<ConversationCreation> FindOrCreateDirectConversationAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, CancellationToken cancellationToken)
    {
        var directKey = ChangeRules.DirectKey(links);
        if (await FindDirectAsync(directKey, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            return await CreateAsync(conversation, links, directKey, cancellationToken);
        }
        catch (ChatException e) when (e.Code == ErrorCodes.Conflict)
        {
            // The unique directKey index decided a race with another instance: the conversation it made is the answer.
            if (await FindDirectAsync(directKey, cancellationToken) is { } raced)
            {
                return raced;
            }

            throw;
        }
    }

    private async Task<ConversationCreation?> FindDirectAsync(string directKey, CancellationToken cancellationToken)
    {
        var document = await Conversations.Find(F.Eq(D.DirectKey, directKey)).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        var conversation = D.ToConversation(document);
        return new ConversationCreation(conversation, await ListMembersAsync(conversation.Id, cancellationToken), Created: false);
    }

    private async Task<ConversationCreation> CreateAsync(Conversation conversation, IReadOnlyList<ConvoLink> links, string? directKey, CancellationToken cancellationToken)
    {
        ChangeRules.RequireLinksOf(conversation, links);
        var (created, createdLinks) = ChangeRules.AsCreated(conversation, links, direct: directKey is not null);
        var conversationDocument = D.ToBson(created, directKey);
        var linkDocuments = createdLinks.Select(D.ToBson).ToList();
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

        return new ConversationCreation(created, createdLinks, Created: true);
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

    public Task<Change<Conversation>> RenameConversationAsync(string conversationId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (session, token) =>
            {
                var current = await ReadConversationAsync(session, conversationId, token);
                return (current, ChangeRules.Rename(current, name, now));
            },
            (renamed, rev) => renamed with { Rev = rev, LastRev = rev },
            (session, renamed, token) => Conversations.UpdateOneAsync(session, F.Eq(D.Id, renamed.Id),
                Builders<BsonDocument>.Update.Set(D.Name, renamed.Name).Set(D.UpdatedAt, Timestamps.ToText(renamed.UpdatedAt)).Set(D.Rev, renamed.Rev),
                cancellationToken: token),
            cancellationToken);

    // Links

    public Task<Change<ConvoLink>> AddLinkAsync(ConvoLink link, CancellationToken cancellationToken) =>
        ChangeAsync(link.ConversationId,
            async (session, token) =>
            {
                var existing = await ReadLinkAsync(session, link.ConversationId, link.UserId, token);
                if (existing is null && !await Users.Find(session, F.Eq(D.Id, link.UserId)).AnyAsync(token))
                {
                    // What the SQLite store's foreign key says; Mongo has none, so ask.
                    throw ChatException.NotFound("The user or the conversation");
                }

                return (existing ?? link, ChangeRules.Add(existing, link with { RemovedAt = null }));
            },
            (added, rev) => added with { Rev = rev },
            WriteLinkAsync,
            cancellationToken);

    public Task<Change<ConvoLink>> RemoveLinkAsync(string conversationId, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (session, token) =>
            {
                var current = await ReadLinkAsync(session, conversationId, userId, token) ?? throw ChatException.NotFound("Member");
                var (owners, members) = await CountOthersAsync(session, conversationId, userId, token);
                return (current, ChangeRules.Remove(current, now, owners, members));
            },
            (removed, rev) => removed with { Rev = rev },
            WriteLinkAsync,
            cancellationToken);

    public Task<Change<ConvoLink>> UpdateLinkRoleAsync(string conversationId, string userId, ConvoRole role, DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeAsync(conversationId,
            async (session, token) =>
            {
                var current = await ReadLinkAsync(session, conversationId, userId, token) ?? throw ChatException.NotFound("Member");
                var (owners, _) = await CountOthersAsync(session, conversationId, userId, token);
                return (current, ChangeRules.SetRole(current, role, now, owners));
            },
            (updated, rev) => updated with { Rev = rev },
            WriteLinkAsync,
            cancellationToken);

    /// <summary>Writes a link's whole state by id: inserts a new one, replaces a revived or changed one.</summary>
    private async Task WriteLinkAsync(IClientSessionHandle session, ConvoLink link, CancellationToken cancellationToken)
    {
        try
        {
            await Links.ReplaceOneAsync(session, F.Eq(D.Id, link.Id), D.ToBson(link), new ReplaceOptions { IsUpsert = true }, cancellationToken);
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            throw new ChatException(ErrorCodes.Conflict, "A link with this id already exists.");
        }
    }

    /// <summary>The conversation's other current owners and members, for the last-owner rule.</summary>
    private async Task<(int Owners, int Members)> CountOthersAsync(IClientSessionHandle session, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var others = F.Eq(D.ConversationId, conversationId) & F.Ne(D.UserId, userId) & Current;
        var members = await Links.CountDocumentsAsync(session, others, cancellationToken: cancellationToken);
        var owners = await Links.CountDocumentsAsync(session, others & F.Eq(D.Role, RoleNames.ToText(ConvoRole.Owner)), cancellationToken: cancellationToken);
        return ((int)owners, (int)members);
    }

    private async Task<ConvoLink?> ReadLinkAsync(IClientSessionHandle session, string conversationId, string userId, CancellationToken cancellationToken)
    {
        var document = await Links.Find(session, F.Eq(D.ConversationId, conversationId) & F.Eq(D.UserId, userId)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToLink(document);
    }

    public async Task<ConvoLink?> GetLinkAsync(string conversationId, string userId, CancellationToken cancellationToken) =>
        await GetLinkIncludingRemovedAsync(conversationId, userId, cancellationToken) is { RemovedAt: null } link ? link : null;

    public async Task<ConvoLink?> GetLinkIncludingRemovedAsync(string conversationId, string userId, CancellationToken cancellationToken)
    {
        var document = await Links.Find(F.Eq(D.ConversationId, conversationId) & F.Eq(D.UserId, userId)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToLink(document);
    }

    public Task<Page<ConvoLink>> ListLinksByUserAsync(string userId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync(new BsonDocument { { D.UserId, userId }, { D.RemovedAt, BsonNull.Value } }, page, cancellationToken);

    public Task<Page<ConvoLink>> ListLinksByConversationAsync(string conversationId, PageRequest page, CancellationToken cancellationToken) =>
        ListLinksAsync(new BsonDocument { { D.ConversationId, conversationId }, { D.RemovedAt, BsonNull.Value } }, page, cancellationToken);

    public async Task<Page<ConvoLink>> ListLinksChangedAfterAsync(string conversationId, long afterRev, PageRequest page, CancellationToken cancellationToken)
    {
        var query = MongoPaging.LinksByRev(conversationId, afterRev, page);
        var items = await RunAsync(Links, query, D.ToLink, cancellationToken);
        return MongoPaging.ToPage(items, page, l => PageKeys.RevAndId(l.Rev, l.Id));
    }

    public async Task<IReadOnlyList<ConvoLink>> ListMembersAsync(string conversationId, CancellationToken cancellationToken)
    {
        var documents = await Links.Find(F.Eq(D.ConversationId, conversationId) & Current)
            .Sort(Builders<BsonDocument>.Sort.Ascending(D.CreatedAt).Ascending(D.Id))
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(D.ToLink);
    }

    public async Task<IReadOnlyList<string>> GetConversationIdsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        var documents = await Links.Find(F.Eq(D.UserId, userId) & Current)
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

    private async Task<Conversation> ReadConversationAsync(IClientSessionHandle session, string conversationId, CancellationToken cancellationToken)
    {
        var document = await Conversations.Find(session, F.Eq(D.Id, conversationId)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? throw ChatException.NotFound("Conversation") : D.ToConversation(document);
    }
}
