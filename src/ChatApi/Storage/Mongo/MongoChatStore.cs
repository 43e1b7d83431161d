using Chatt.ChatApi.Common;
using Chatt.ChatApi.Users;
using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// The scale-out store: one MongoDB database shared by every ChatApi instance.
/// <para>
/// Deployment requirement: a replica set or a sharded cluster (Atlas, or a single-node replica set for development:
/// <c>mongod --replSet rs0</c> then <c>rs.initiate()</c>). Two writes of the contract must be atomic across
/// documents — an append (conversation counter + message) and a conversation with its links — and the store does
/// them in multi-document transactions, which a standalone <c>mongod</c> does not have. There is deliberately no
/// standalone fallback: every non-transactional design either leaves a seq hole when a process dies between the
/// counter and the insert, or makes the conversation's <c>LastSeq</c> lag its messages. A standalone server is
/// refused at start with that reason (<see cref="MongoStoreInitializer"/>).
/// </para>
/// Transactions commit with write concern majority: a seq acknowledged to a client survives a failover and is never
/// handed out twice.
/// </summary>
public sealed partial class MongoChatStore(IMongoDatabase database, TimeProvider time, IdGenerator ids) : IChatStore
{
    private const int MaxUsernameAttempts = 32;

    private static readonly TransactionOptions Atomic = new(readConcern: ReadConcern.Snapshot, writeConcern: WriteConcern.WMajority);

    private static FilterDefinitionBuilder<BsonDocument> F => Builders<BsonDocument>.Filter;

    private IMongoCollection<BsonDocument> Users { get; } = database.GetCollection<BsonDocument>(D.Users);
    private IMongoCollection<BsonDocument> Conversations { get; } = database.GetCollection<BsonDocument>(D.Conversations);
    private IMongoCollection<BsonDocument> Links { get; } = database.GetCollection<BsonDocument>(D.Links);
    private IMongoCollection<BsonDocument> Messages { get; } = database.GetCollection<BsonDocument>(D.Messages);
    private IMongoCollection<BsonDocument> ReadState { get; } = database.GetCollection<BsonDocument>(D.ReadState);

    /// <summary>Checks that the deployment runs transactions, migrates documents of earlier builds and creates the indexes (all idempotent).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var hello = await database.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
        if (!MongoDeployment.SupportsTransactions(hello))
        {
            throw new InvalidOperationException(MongoDeployment.StandaloneRefusal);
        }

        // Documents first: the unique (conversationId, rev) index can only be built once every message has its rev.
        await MongoMigrations.MigrateAsync(database, cancellationToken);
        await MongoIndexes.CreateAsync(database, cancellationToken);
    }

    // Users

    public async Task<(User User, bool Created)> ProvisionUserAsync(string subject, string wantedUsername, CancellationToken cancellationToken)
    {
        if (await FindUserBySubjectAsync(subject, cancellationToken) is { } known)
        {
            return (known, false);
        }

        var now = Timestamps.Truncate(time.GetUtcNow());
        for (var attempt = 0; attempt < MaxUsernameAttempts; attempt++)
        {
            // No read-then-write race: the unique indexes decide.
            var candidate = Usernames.Candidate(wantedUsername, attempt);
            var user = new User { Id = ids.NewId(), Subject = subject, Username = candidate, CreatedAt = now, UpdatedAt = now };
            try
            {
                await Users.InsertOneAsync(D.ToBson(user), cancellationToken: cancellationToken);
                return (user, true);
            }
            catch (MongoWriteException e) when (e.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                // Either another request provisioned this subject meanwhile (then that user is the answer),
                // or the username is taken (then try the next candidate).
                if (await FindUserBySubjectAsync(subject, cancellationToken) is { } raced)
                {
                    return (raced, false);
                }
            }
        }

        throw new InvalidOperationException($"No free username derived from '{wantedUsername}' after {MaxUsernameAttempts} attempts.");
    }

    public async Task<User?> GetUserAsync(string id, CancellationToken cancellationToken)
    {
        var document = await Users.Find(F.Eq(D.Id, id)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToUser(document);
    }

    public async Task<IReadOnlyList<User>> GetUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var documents = await Users.Find(F.In(D.Id, ids)).ToListAsync(cancellationToken);
        return documents.ConvertAll(D.ToUser);
    }

    public async Task<IReadOnlyList<User>> FindUsersByUsernameAsync(IReadOnlyCollection<string> usernames, CancellationToken cancellationToken)
    {
        if (usernames.Count == 0)
        {
            return [];
        }

        // The unique index's collation, so "equal" means "equal ignoring case" and the index serves the $in.
        var documents = await Users.Find(F.In(D.Username, usernames), new FindOptions { Collation = MongoIndexes.UsernameCollation })
            .ToListAsync(cancellationToken);
        return documents.ConvertAll(D.ToUser);
    }

    public async Task<User> RenameUserAsync(string id, string username, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Builders<BsonDocument>.Update
            .Set(D.Username, username)
            .Set(D.UpdatedAt, Timestamps.ToText(now));
        try
        {
            var document = await Users.FindOneAndUpdateAsync(F.Eq(D.Id, id), update,
                new FindOneAndUpdateOptions<BsonDocument> { ReturnDocument = ReturnDocument.After }, cancellationToken);
            return document is null ? throw ChatException.NotFound("User") : D.ToUser(document);
        }
        catch (MongoException e) when (IsDuplicateKey(e))
        {
            throw new ChatException(ErrorCodes.UsernameTaken, $"The username '{username}' is taken.");
        }
    }

    public async Task<Page<User>> ListUsersAsync(PageRequest page, string? usernamePrefix, CancellationToken cancellationToken)
    {
        // A case-insensitive anchored regex over the literal prefix: like the SQLite store's escaped LIKE.
        var scope = string.IsNullOrEmpty(usernamePrefix)
            ? []
            : new BsonDocument(D.Username, new BsonRegularExpression("^" + MongoFilters.EscapeRegex(usernamePrefix), "i"));
        var query = MongoPaging.ByTimeAndId(scope, D.CreatedAt, page, D.UserField);
        var items = await RunAsync(Users, query, D.ToUser, cancellationToken);
        return MongoPaging.ToPage(items, page, u => MongoPaging.TimeKey(u.CreatedAt, u.Id));
    }

    private async Task<User?> FindUserBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        var document = await Users.Find(F.Eq(D.Subject, subject)).FirstOrDefaultAsync(cancellationToken);
        return document is null ? null : D.ToUser(document);
    }

    // Shared plumbing

    /// <summary>The server's duplicate-key error code, as findAndModify reports it (inserts report a write error instead).</summary>
    private const int DuplicateKeyCode = 11000;

    private static async Task<List<T>> RunAsync<T>(IMongoCollection<BsonDocument> collection, MongoPageQuery query,
        Func<BsonDocument, T> map, CancellationToken cancellationToken)
    {
        var documents = await collection.Find(query.Filter).Sort(query.Sort).Limit(query.Take).ToListAsync(cancellationToken);
        return documents.ConvertAll(d => map(d));
    }

    private async Task<T> InTransactionAsync<T>(Func<IClientSessionHandle, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var session = await database.Client.StartSessionAsync(cancellationToken: cancellationToken);
        // WithTransactionAsync retries the whole callback on transient errors (a write conflict with a concurrent
        // append to the same conversation is one), so the callback must do nothing but its writes.
        return await session.WithTransactionAsync(work, Atomic, cancellationToken);
    }

    private static bool IsDuplicateKey(MongoException e) => e switch
    {
        MongoWriteException w => w.WriteError.Category == ServerErrorCategory.DuplicateKey,
        MongoBulkWriteException b => b.WriteErrors.Any(w => w.Category == ServerErrorCategory.DuplicateKey),
        MongoCommandException c => c.Code == DuplicateKeyCode,
        _ => false,
    };
}
