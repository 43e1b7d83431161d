using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>Renders driver definitions to the BSON the server would receive, so query shapes are checked without one.</summary>
internal static class MongoBson
{
    private static RenderArgs<BsonDocument> Args => new(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry);

    public static BsonDocument Render(FilterDefinition<BsonDocument> filter) => filter.Render(Args);

    public static BsonDocument Render(IndexKeysDefinition<BsonDocument> keys) => keys.Render(Args);

    /// <summary>Relaxed extended JSON (regexes as <c>{"$regularExpression": …}</c>), compact enough to compare as text.</summary>
    public static string Json(BsonDocument document) =>
        document.ToJson(new MongoDB.Bson.IO.JsonWriterSettings { OutputMode = MongoDB.Bson.IO.JsonOutputMode.RelaxedExtendedJson });
}
