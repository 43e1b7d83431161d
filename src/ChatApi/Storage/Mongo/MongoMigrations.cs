using MongoDB.Bson;
using MongoDB.Driver;
using D = Chatt.ChatApi.Storage.Mongo.MongoDocuments;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// Brings documents written by earlier builds to the current shape at start, keeping the data. The schema version is
/// one document in <c>meta</c> (<c>{ _id: "schema", version }</c>). Each step only touches documents that lack what it
/// adds, so instances starting together may both run it: the second finds nothing left to do.
/// <para>
/// Version 2 (the change stream) numbers existing data so each conversation's rev stays gap-free: creation is rev 1
/// (the conversation and every link it has), message seq n is rev n + 1, LastRev = LastSeq + 1. The creator's link
/// becomes OWNER, every other MEMBER; messages get empty mentions and reactions.
/// </para>
/// </summary>
internal static class MongoMigrations
{
    public const int LatestVersion = 2;

    public const string SchemaId = "schema";
    public const string Version = "version";

    /// <summary>The version 2 updates: (collection, filter, pipeline update). Server-side, one statement each.</summary>
    public static IReadOnlyList<(string Collection, BsonDocument Filter, BsonArray Pipeline)> VersionTwoUpdates { get; } =
    [
        (D.Conversations, Missing(D.LastRev), new BsonArray
        {
            new BsonDocument("$set", new BsonDocument { { D.LastRev, new BsonDocument("$add", new BsonArray { "$" + D.LastSeq, 1 }) }, { D.Rev, 1 } }),
        }),
        (D.Messages, Missing(D.Rev), new BsonArray
        {
            new BsonDocument("$set", new BsonDocument
            {
                { D.Rev, new BsonDocument("$add", new BsonArray { "$" + D.Seq, 1 }) },
                { D.EditedAt, BsonNull.Value },
                { D.DeletedAt, BsonNull.Value },
                { D.MentionIds, new BsonDocument("$literal", new BsonArray()) },
                { D.MentionsAll, false },
                { D.Reactions, new BsonDocument("$literal", new BsonArray()) },
            }),
        }),
    ];

    /// <summary>
    /// Links need their conversation's creator to know who is OWNER: an aggregation looks it up and merges the result
    /// back into <c>links</c> (MongoDB 4.4+ may $merge into the collection it reads).
    /// </summary>
    public static BsonDocument[] VersionTwoLinks { get; } =
    [
        new("$match", Missing(D.Role)),
        new("$lookup", new BsonDocument { { "from", D.Conversations }, { "localField", D.ConversationId }, { "foreignField", D.Id }, { "as", "conversation" } }),
        new("$set", new BsonDocument
        {
            { D.Role, new BsonDocument("$cond", new BsonArray
                {
                    new BsonDocument("$eq", new BsonArray { "$" + D.UserId, new BsonDocument("$first", "$conversation." + D.CreatedBy) }),
                    RoleNames.ToText(Conversations.ConvoRole.Owner),
                    RoleNames.ToText(Conversations.ConvoRole.Member),
                }) },
            { D.RemovedAt, BsonNull.Value },
            { D.Rev, 1 },
        }),
        new("$unset", "conversation"),
        new("$merge", new BsonDocument { { "into", D.Links }, { "on", D.Id }, { "whenMatched", "replace" }, { "whenNotMatched", "discard" } }),
    ];

    public static async Task MigrateAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        var meta = database.GetCollection<BsonDocument>(D.Meta);
        var stored = await meta.Find(new BsonDocument(D.Id, SchemaId)).FirstOrDefaultAsync(cancellationToken);
        var version = stored?[Version].ToInt32() ?? 1;
        if (version > LatestVersion)
        {
            throw new InvalidOperationException($"The MongoDB database has schema version {version}, newer than this build knows ({LatestVersion}).");
        }

        if (version < 2)
        {
            foreach (var (collection, filter, pipeline) in VersionTwoUpdates)
            {
                await database.GetCollection<BsonDocument>(collection).UpdateManyAsync(filter,
                    new PipelineUpdateDefinition<BsonDocument>(PipelineDefinition<BsonDocument, BsonDocument>.Create(pipeline.Select(p => p.AsBsonDocument))),
                    cancellationToken: cancellationToken);
            }

            var links = await database.GetCollection<BsonDocument>(D.Links)
                .AggregateAsync(PipelineDefinition<BsonDocument, BsonDocument>.Create(VersionTwoLinks), cancellationToken: cancellationToken);
            await links.ToListAsync(cancellationToken);
        }

        await meta.UpdateOneAsync(new BsonDocument(D.Id, SchemaId), new BsonDocument("$max", new BsonDocument(Version, LatestVersion)),
            new UpdateOptions { IsUpsert = true }, cancellationToken);
    }

    private static BsonDocument Missing(string field) => new(field, new BsonDocument("$exists", false));
}
