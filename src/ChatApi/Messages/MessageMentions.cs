namespace Chatt.ChatApi.Messages;

/// <summary>
/// Who a message mentions, for <c>mentionsMe</c> and the unread-mention counters: the users it names and, with
/// <c>@all</c>/<c>@here</c>, every member — never its own author, and nobody once it is a tombstone. The store's
/// <c>CountUnreadMentionsAsync</c> follows the same rule.
/// </summary>
public static class MessageMentions
{
    public static bool Includes(Message message, string userId) =>
        message.DeletedAt is null && message.AuthorId != userId && (message.MentionsAll || message.MentionIds.Contains(userId));
}
