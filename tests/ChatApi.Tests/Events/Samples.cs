using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>Events with realistic records. Times carry sub-millisecond ticks and an offset on purpose.</summary>
public static class Samples
{
    private static readonly DateTimeOffset Base = new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.FromHours(5.5)).AddTicks(1234567);

    public static MessageCreated Message(string conversationId, long seq, string content = "hello") => new(new Message
    {
        Id = $"m{seq}-{Guid.NewGuid():N}",
        ConversationId = conversationId,
        AuthorId = "u1",
        Content = content,
        Seq = seq,
        CreatedAt = Base.AddTicks(seq),
        UpdatedAt = Base.AddTicks(seq + 1),
        ClientCreatedAt = seq % 2 == 0 ? null : "2026-11-26T22:59:59.999Z",
    });

    public static UserLinked Linked(string userId, string conversationId) => new(
        new ConvoLink
        {
            Id = "l-" + userId + conversationId,
            UserId = userId,
            ConversationId = conversationId,
            CreatedAt = Base,
            UpdatedAt = Base.AddTicks(3),
        },
        new Conversation
        {
            Id = conversationId,
            Name = "Ünïcode \"quoted\" name",
            CreatedBy = userId,
            CreatedAt = Base,
            UpdatedAt = Base.AddTicks(7),
            LastSeq = 42,
            LastActivityAt = Base.AddTicks(9),
        });

    /// <summary>A reaction change: the message after it (with reactions, mentions, a reply) and the conversation after it.</summary>
    public static ConversationChanged Changed(string conversationId, long rev) => new(
        conversationId,
        ChangeKind.ReactionAdded,
        rev,
        Base.AddTicks(rev),
        "u2",
        Linked("u1", conversationId).Conversation with { LastRev = rev, Rev = 1, Direct = true },
        Message(conversationId, 5).Message with
        {
            Rev = rev,
            EditedAt = Base.AddTicks(13),
            ReplyToId = "m-original",
            MentionIds = ["u2", "u3"],
            MentionsAll = true,
            Reactions = [new ReactionGroup("👍🏽", 2, ["u2", "u1"]), new ReactionGroup("🎉", 1, ["u3"])],
        },
        Emoji: "👍🏽");

    public static UserUnlinked Unlinked(string userId, string conversationId)
    {
        var linked = Linked(userId, conversationId);
        return new(linked.Link with { Role = ConvoRole.Admin, RemovedAt = Base.AddTicks(17), Rev = 9 }, linked.Conversation);
    }

    public static ReadMarkMoved ReadMark(string userId, string conversationId) => new(userId, conversationId, 12, 3, 1);

    public static UserCreated User(string userId) => new(new User
    {
        Id = userId,
        Subject = "sub-" + userId,
        Username = "name-" + userId,
        CreatedAt = Base,
        UpdatedAt = Base.AddTicks(11),
    });

    public static string NewId() => Guid.NewGuid().ToString("N");
}
