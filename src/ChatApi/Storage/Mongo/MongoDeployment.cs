using MongoDB.Bson;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>What the Mongo store asks of the deployment, judged from the server's <c>hello</c> reply.</summary>
internal static class MongoDeployment
{
    public const string StandaloneRefusal =
        "The MongoDB store needs multi-document transactions, so a replica set or a sharded cluster: this server is a " +
        "standalone mongod. For development run a single-node replica set (mongod --replSet rs0, then rs.initiate()).";

    /// <summary>A replica-set member answers with <c>setName</c>; a mongos router with <c>msg: "isdbgrid"</c>.</summary>
    public static bool SupportsTransactions(BsonDocument hello) =>
        hello.Contains("setName")
        || (hello.TryGetValue("msg", out var msg) && msg.IsString && msg.AsString == "isdbgrid");
}
