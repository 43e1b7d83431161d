using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;
using MongoDB.Bson;

namespace Chatt.ChatApi.Storage.Mongo;

/// <summary>
/// The shape of the Mongo store's documents and the mapping to and from the domain records. Documents are plain
/// <see cref="BsonDocument"/>s mapped by hand: no global class maps to register, and every field name the queries
/// and indexes use is one of the constants here. Times are stored as <see cref="Timestamps"/> text (fixed-width
/// ISO-8601 UTC), exactly as the SQLite store keeps them, so a filter's time value compares the same way in both.
/// Strings compare by binary order (no collection collation), which is what makes contains/beginsWith and
/// lt/gt case-sensitive; only the username index carries a collation.
/// </summary>
internal static class MongoDocuments
{
    public const string Users = "users";
    public const string Conversations = "conversations";
    public const string Links = "links";
    public const string Messages = "messages";
    public const string ReadState = "readstate";
    public const string Meta = "meta";

    public const string Id = "_id";
    public const string Subject = "subject";
    public const string Username = "username";
    public const string Name = "name";
    public const string CreatedBy = "createdBy";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string LastSeq = "lastSeq";
    public const string LastActivityAt = "lastActivityAt";
    public const string UserId = "userId";
    public const string ConversationId = "conversationId";
    public const string AuthorId = "authorId";
    public const string Content = "content";
    public const string Seq = "seq";
    public const string ClientCreatedAt = "clientCreatedAt";
    public const string LastRev = "lastRev";
    public const string Rev = "rev";
    public const string DirectKey = "directKey";
    public const string Role = "role";
    public const string RemovedAt = "removedAt";
    public const string EditedAt = "editedAt";
    public const string DeletedAt = "deletedAt";
    public const string DeletedBy = "deletedBy";
    public const string ReplyToId = "replyToId";
    public const string MentionIds = "mentionIds";
    public const string MentionsAll = "mentionsAll";
    public const string Reactions = "reactions";
    public const string Emoji = "emoji";
    public const string UserIds = "userIds";

    // Which stored field a filter may name on each list; null means "this list has no such field" (BAD_USER_INPUT).

    public static string? UserField(FilterField field) => field switch
    {
        FilterField.Id => Id,
        FilterField.CreatedAt => CreatedAt,
        FilterField.UpdatedAt => UpdatedAt,
        _ => null,
    };

    public static string? ConversationField(FilterField field) => UserField(field);

    public static string? LinkField(FilterField field) => field switch
    {
        FilterField.Id => Id,
        FilterField.CreatedAt => CreatedAt,
        FilterField.UpdatedAt => UpdatedAt,
        FilterField.ConvoLinkUserId => UserId,
        FilterField.ConvoLinkConversationId => ConversationId,
        _ => null,
    };

    public static string? MessageField(FilterField field) => field switch
    {
        FilterField.Id => Id,
        FilterField.CreatedAt => CreatedAt,
        FilterField.UpdatedAt => UpdatedAt,
        FilterField.AuthorId => AuthorId,
        FilterField.Content => Content,
        FilterField.MessageConversationId => ConversationId,
        _ => null,
    };

    /// <summary>Read state has one document per (conversation, user); ids never contain '/', so the pair is unambiguous.</summary>
    public static string ReadStateId(string conversationId, string userId) => conversationId + "/" + userId;

    public static BsonDocument ToBson(User user) => new()
    {
        { Id, user.Id },
        { Subject, user.Subject },
        { Username, user.Username },
        { CreatedAt, Timestamps.ToText(user.CreatedAt) },
        { UpdatedAt, Timestamps.ToText(user.UpdatedAt) },
    };

    public static User ToUser(BsonDocument d) => new()
    {
        Id = d[Id].AsString,
        Subject = d[Subject].AsString,
        Username = d[Username].AsString,
        CreatedAt = Timestamps.Parse(d[CreatedAt].AsString),
        UpdatedAt = Timestamps.Parse(d[UpdatedAt].AsString),
    };

    /// <summary><paramref name="directKey"/> is set only on direct conversations (the unique index is partial on it).</summary>
    public static BsonDocument ToBson(Conversation conversation, string? directKey = null)
    {
        var document = new BsonDocument
        {
            { Id, conversation.Id },
            { Name, conversation.Name },
            { CreatedBy, conversation.CreatedBy },
            { CreatedAt, Timestamps.ToText(conversation.CreatedAt) },
            { UpdatedAt, Timestamps.ToText(conversation.UpdatedAt) },
            { LastSeq, conversation.LastSeq },
            { LastActivityAt, Timestamps.ToText(conversation.LastActivityAt) },
            { LastRev, conversation.LastRev },
            { Rev, conversation.Rev },
        };
        if (directKey is not null)
        {
            document.Add(DirectKey, directKey);
        }

        return document;
    }

    public static Conversation ToConversation(BsonDocument d) => new()
    {
        Id = d[Id].AsString,
        Name = d[Name].AsString,
        CreatedBy = d[CreatedBy].AsString,
        CreatedAt = Timestamps.Parse(d[CreatedAt].AsString),
        UpdatedAt = Timestamps.Parse(d[UpdatedAt].AsString),
        LastSeq = d[LastSeq].ToInt64(),
        LastActivityAt = Timestamps.Parse(d[LastActivityAt].AsString),
        LastRev = d[LastRev].ToInt64(),
        Rev = d[Rev].ToInt64(),
        Direct = d.Contains(DirectKey),
    };

    /// <summary>A current link has <c>removedAt: null</c>, so "is a member" is the equality <c>{ removedAt: null }</c>.</summary>
    public static BsonDocument ToBson(ConvoLink link) => new()
    {
        { Id, link.Id },
        { UserId, link.UserId },
        { ConversationId, link.ConversationId },
        { CreatedAt, Timestamps.ToText(link.CreatedAt) },
        { UpdatedAt, Timestamps.ToText(link.UpdatedAt) },
        { Role, RoleNames.ToText(link.Role) },
        { RemovedAt, TimeOrNull(link.RemovedAt) },
        { Rev, link.Rev },
    };

    public static ConvoLink ToLink(BsonDocument d) => new()
    {
        Id = d[Id].AsString,
        UserId = d[UserId].AsString,
        ConversationId = d[ConversationId].AsString,
        CreatedAt = Timestamps.Parse(d[CreatedAt].AsString),
        UpdatedAt = Timestamps.Parse(d[UpdatedAt].AsString),
        Role = RoleNames.Parse(d.GetValue(Role, BsonNull.Value) is { IsString: true } role ? role.AsString : null),
        RemovedAt = OptionalTime(d, RemovedAt),
        Rev = d[Rev].ToInt64(),
    };

    public static BsonDocument ToBson(Message message)
    {
        var document = new BsonDocument
        {
            { Id, message.Id },
            { ConversationId, message.ConversationId },
            { AuthorId, message.AuthorId },
            { Content, message.Content },
            { Seq, message.Seq },
            { CreatedAt, Timestamps.ToText(message.CreatedAt) },
            { UpdatedAt, Timestamps.ToText(message.UpdatedAt) },
            { Rev, message.Rev },
            { EditedAt, TimeOrNull(message.EditedAt) },
            { DeletedAt, TimeOrNull(message.DeletedAt) },
            { MentionIds, new BsonArray(message.MentionIds) },
            { MentionsAll, message.MentionsAll },
            { Reactions, new BsonArray(message.Reactions.Select(g => new BsonDocument { { Emoji, g.Emoji }, { UserIds, new BsonArray(g.UserIds) } })) },
        };
        if (message.ClientCreatedAt is { } clientCreatedAt)
        {
            document.Add(ClientCreatedAt, clientCreatedAt);
        }

        if (message.DeletedBy is { } deletedBy)
        {
            document.Add(DeletedBy, deletedBy);
        }

        if (message.ReplyToId is { } replyToId)
        {
            document.Add(ReplyToId, replyToId);
        }

        return document;
    }

    public static Message ToMessage(BsonDocument d) => new()
    {
        Id = d[Id].AsString,
        ConversationId = d[ConversationId].AsString,
        AuthorId = d[AuthorId].AsString,
        Content = d[Content].AsString,
        Seq = d[Seq].ToInt64(),
        CreatedAt = Timestamps.Parse(d[CreatedAt].AsString),
        UpdatedAt = Timestamps.Parse(d[UpdatedAt].AsString),
        ClientCreatedAt = OptionalString(d, ClientCreatedAt),
        Rev = d[Rev].ToInt64(),
        EditedAt = OptionalTime(d, EditedAt),
        DeletedAt = OptionalTime(d, DeletedAt),
        DeletedBy = OptionalString(d, DeletedBy),
        ReplyToId = OptionalString(d, ReplyToId),
        MentionIds = d.TryGetValue(MentionIds, out var mentions) && mentions.IsBsonArray ? [.. mentions.AsBsonArray.Select(m => m.AsString)] : [],
        MentionsAll = d.TryGetValue(MentionsAll, out var all) && all.IsBoolean && all.AsBoolean,
        Reactions = d.TryGetValue(Reactions, out var reactions) && reactions.IsBsonArray
            ? [.. reactions.AsBsonArray.Select(r => r.AsBsonDocument).Select(r =>
                new ReactionGroup(r[Emoji].AsString, r[UserIds].AsBsonArray.Count, [.. r[UserIds].AsBsonArray.Select(u => u.AsString)]))]
            : [],
    };

    private static BsonValue TimeOrNull(DateTimeOffset? time) => time is { } t ? Timestamps.ToText(t) : BsonNull.Value;

    private static DateTimeOffset? OptionalTime(BsonDocument d, string field) => OptionalString(d, field) is { } text ? Timestamps.Parse(text) : null;

    private static string? OptionalString(BsonDocument d, string field) =>
        d.TryGetValue(field, out var value) && !value.IsBsonNull ? value.AsString : null;
}
