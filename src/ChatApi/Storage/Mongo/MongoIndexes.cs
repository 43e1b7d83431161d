using MongoDB.Bson;
using MongoDB.Driver;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Every index the Mongo store's queries and invariants need, created at start (creating an existing index with the
/// same definition is a no-op, so every instance may run this). Unique indexes carry invariants of the store contract:
/// usernames by their key, one user per subject, one seq and one message rev per conversation, one link per
/// (conversation, user), one direct conversation per pair of users.
/// A message's id is its <c>_id</c> (the idempotency key), unique in the whole collection, which is stronger than the
/// issue's "unique (conversation, client message id)": a client id can exist once, in one conversation.
/// </summary>
internal static class MongoIndexes
{
    private static IndexKeysDefinitionBuilder<BsonDocument> Keys => Builders<BsonDocument>.IndexKeys;

    public static IReadOnlyList<(string Collection, CreateIndexModel<BsonDocument> Index)> All { get; } =
    [
        // The username rule (Users/Usernames.Key). Partial, so documents written without a key by an older instance
        // during a rolling upgrade do not collide as nulls; the next start gives them keys.
        (MongoDocuments.Users, new(Keys.Ascending(MongoChatStore.UsernameKey),
            new CreateIndexOptions<BsonDocument> { Name = "usernameKey_unique", Unique = true,
                PartialFilterExpression = Builders<BsonDocument>.Filter.Exists(MongoChatStore.UsernameKey) })),
        (MongoDocuments.Users, new(Keys.Ascending(MongoDocuments.Subject),
            new CreateIndexOptions { Name = "subject_unique", Unique = true })),
        (MongoDocuments.Users, new(Keys.Ascending(MongoDocuments.CreatedAt).Ascending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "createdAt_id" })),

        (MongoDocuments.Conversations, new(Keys.Descending(MongoDocuments.LastActivityAt).Descending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "lastActivityAt_id" })),
        // At most one direct conversation per pair; partial, so the other conversations (no directKey) are not in it.
        (MongoDocuments.Conversations, new(Keys.Ascending(MongoDocuments.DirectKey),
            new CreateIndexOptions<BsonDocument>
            {
                Name = "directKey_unique",
                Unique = true,
                PartialFilterExpression = new BsonDocument(MongoDocuments.DirectKey, new BsonDocument("$type", "string")),
            })),

        (MongoDocuments.Links, new(Keys.Ascending(MongoDocuments.ConversationId).Ascending(MongoDocuments.UserId),
            new CreateIndexOptions { Name = "conversationId_userId_unique", Unique = true })),
        (MongoDocuments.Links, new(Keys.Ascending(MongoDocuments.UserId).Ascending(MongoDocuments.CreatedAt).Ascending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "userId_createdAt_id" })),
        (MongoDocuments.Links, new(Keys.Ascending(MongoDocuments.ConversationId).Ascending(MongoDocuments.CreatedAt).Ascending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "conversationId_createdAt_id" })),
        (MongoDocuments.Links, new(Keys.Ascending(MongoDocuments.ConversationId).Ascending(MongoDocuments.Rev).Ascending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "conversationId_rev_id" })),

        (MongoDocuments.Messages, new(Keys.Ascending(MongoDocuments.ConversationId).Ascending(MongoDocuments.Seq),
            new CreateIndexOptions { Name = "conversationId_seq_unique", Unique = true })),
        // Messages never share a rev (creation's rev 1 stamps only the conversation and links): unique, as seq is.
        (MongoDocuments.Messages, new(Keys.Ascending(MongoDocuments.ConversationId).Ascending(MongoDocuments.Rev),
            new CreateIndexOptions { Name = "conversationId_rev_unique", Unique = true })),
        (MongoDocuments.Messages, new(Keys.Ascending(MongoDocuments.AuthorId).Ascending(MongoDocuments.CreatedAt).Ascending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "authorId_createdAt_id" })),
        // Search (MongoChatStore.Search): whole words through the text index (language "none": no stemming, so a word
        // finds itself in any language); partial words by a regex scan of the caller's conversations, newest first.
        (MongoDocuments.Messages, new(Keys.Text(MongoDocuments.Content),
            new CreateIndexOptions { Name = "content_text", DefaultLanguage = "none" })),
        (MongoDocuments.Messages, new(Keys.Ascending(MongoDocuments.ConversationId).Descending(MongoDocuments.CreatedAt).Descending(MongoDocuments.Id),
            new CreateIndexOptions { Name = "conversationId_createdAt_id" })),
    ];

    public static async Task CreateAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        foreach (var group in All.GroupBy(i => i.Collection))
        {
            await database.GetCollection<BsonDocument>(group.Key).Indexes
                .CreateManyAsync(group.Select(i => i.Index), cancellationToken);
        }
    }
}
