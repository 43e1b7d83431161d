using MongoDB.Bson;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// One list query: where (scope, continuation and the caller's filter in one document), in which order, and how
/// many documents to read (one more than the page, to know whether a next page exists).
/// </summary>
internal sealed record MongoPageQuery(BsonDocument Filter, BsonDocument Sort, int Take);
