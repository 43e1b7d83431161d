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
