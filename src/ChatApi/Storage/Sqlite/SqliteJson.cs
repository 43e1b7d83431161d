using System.Text.Json;
using System.Text.Json.Serialization;
using Chatt.ChatApi.Messages;

namespace Chatt.ChatApi.Storage.Sqlite;

/// <summary>
/// The JSON columns of <c>messages</c>: <c>mentions</c> is an array of user ids, <c>reactions</c> an array of
/// <c>{"e": emoji, "u": [user ids in reaction order]}</c> (the count is the array's length). Short names: the column is
/// read with every message.
/// </summary>
internal static class SqliteJson
{
    public static string Mentions(IReadOnlyList<string> ids) => ids.Count == 0 ? "[]" : JsonSerializer.Serialize(ids.ToArray(), SqliteJsonContext.Default.StringArray);

    public static IReadOnlyList<string> ParseMentions(string json) => json == "[]" ? [] : JsonSerializer.Deserialize(json, SqliteJsonContext.Default.StringArray) ?? [];

    public static string Reactions(IReadOnlyList<ReactionGroup> groups) => groups.Count == 0
        ? "[]"
        : JsonSerializer.Serialize(groups.Select(g => new StoredReaction(g.Emoji, [.. g.UserIds])).ToArray(), SqliteJsonContext.Default.StoredReactionArray);

    public static IReadOnlyList<ReactionGroup> ParseReactions(string json) => json == "[]"
        ? []
        : (JsonSerializer.Deserialize(json, SqliteJsonContext.Default.StoredReactionArray) ?? []).Select(r => new ReactionGroup(r.E, r.U.Length, r.U)).ToArray();
}

internal sealed record StoredReaction(string E, string[] U);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(StoredReaction[]))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;
