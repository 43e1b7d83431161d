using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

// The change stream: how a change takes its rev, and the replay after a rev.
public sealed partial class MongoChatStore
{
    /// <summary>Nothing is purged: every rev from 0 replays exactly (see <see cref="IChatStore.GetReplayFloorAsync"/>).</summary>
    private const long ReplayFloor = 0;

    /// <summary>
    /// One change of one record, in one transaction: <paramref name="decide"/> reads the record and returns it with its
    /// next state (null: no-op, nothing written); otherwise an atomic <c>$inc</c> of the conversation's <c>lastRev</c>
    /// takes the rev, <paramref name="stamp"/> puts it on the record and <paramref name="write"/> stores it. As with seq,
    /// the counter and the write commit together or not at all, and concurrent changes of one conversation conflict on
    /// its document and are retried from the start, so revs are handed out in commit order without gaps.
    /// </summary>
    private Task<Change<T>> ChangeAsync<T>(string conversationId,
        Func<IClientSessionHandle, CancellationToken, Task<(T Current, T? Next)>> decide,
        Func<T, long, T> stamp,
        Func<IClientSessionHandle, T, CancellationToken, Task> write,
        CancellationToken cancellationToken)
        where T : class =>
        InTransactionAsync(async (session, token) =>
        {
            var (current, next) = await decide(session, token);
            if (next is null)
            {
                return new Change<T>(current, await ReadConversationAsync(session, conversationId, token), Changed: false);
            }

            var document = await Conversations.FindOneAndUpdateAsync(session, F.Eq(D.Id, conversationId), Builders<BsonDocument>.Update.Inc(D.LastRev, 1L),
                new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, token) ?? throw ChatException.NotFound("Conversation");
            var conversation = D.ToConversation(document);
            var stamped = stamp(next, conversation.LastRev);
            await write(session, stamped, token);
            return new Change<T>(stamped, stamped as Conversation ?? conversation, Changed: true);
        }, cancellationToken);

    public Task<ChangeBatch> ListChangesAsync(string conversationId, long afterRev, int limit, CancellationToken cancellationToken) =>
        // A transaction with snapshot read concern: the conversation and both lists are read at one point in time.
        InTransactionAsync(async (session, token) =>
        {
            var conversationDocument = await Conversations.Find(session, F.Eq(D.Id, conversationId)).FirstOrDefaultAsync(token);
            var conversation = conversationDocument is null ? null : D.ToConversation(conversationDocument);
            var take = ChangeReplay.ReadLimit(limit);
            var messages = await RunAsync(session, Messages, MongoPaging.ReplayMessages(conversationId, afterRev, take), D.ToMessage, token);
            var links = await RunAsync(session, Links, MongoPaging.ReplayLinks(conversationId, afterRev, take), D.ToLink, token);
            return await ChangeReplay.BuildAsync(conversation, afterRev, limit, messages, links, async rev =>
            {
                var sameRev = F.Eq(D.ConversationId, conversationId) & F.Eq(D.Rev, rev);
                var sameLinks = await Links.Find(session, sameRev).Sort(Builders<BsonDocument>.Sort.Ascending(D.Id)).ToListAsync(token);
                var sameMessages = await Messages.Find(session, sameRev).ToListAsync(token);
                return ChangeReplay.OfOneRev(conversation!, rev, sameLinks.ConvertAll(D.ToLink), sameMessages.ConvertAll(D.ToMessage));
            }, ReplayFloor);
        }, cancellationToken);

    public async Task<long> GetReplayFloorAsync(string conversationId, CancellationToken cancellationToken) =>
        await GetConversationAsync(conversationId, cancellationToken) is null ? throw ChatException.NotFound("Conversation") : ReplayFloor;

    private static async Task<List<T>> RunAsync<T>(IClientSessionHandle session, IMongoCollection<BsonDocument> collection, MongoPageQuery query,
        Func<BsonDocument, T> map, CancellationToken cancellationToken)
    {
        var documents = await collection.Find(session, query.Filter).Sort(query.Sort).Limit(query.Take).ToListAsync(cancellationToken);
        return documents.ConvertAll(d => map(d));
    }
}
