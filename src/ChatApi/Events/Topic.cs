namespace Chatt.ChatApi.Events;

/// <summary>
/// Where events go. Four kinds: one per conversation (its committed changes), one per user (links to that user),
/// one for all users (new users), and one per conversation for who is typing — apart from the changes, so the
/// many short-lived typing events reach only instances with an <c>onTyping</c> subscriber and never pass through
/// the change feeds. <see cref="Subject"/> is the bus subject: <c>chatt.conv.{id}</c>, <c>chatt.user.{id}</c>,
/// <c>chatt.users</c>, <c>chatt.typing.{id}</c>; ids are restricted to URL-safe characters, so they are safe
/// NATS subject tokens.
/// </summary>
public readonly record struct Topic(TopicKind Kind, string Id)
{
    public const string Prefix = "chatt.";

    public static Topic Conversation(string id) => new(TopicKind.Conversation, id);
    public static Topic User(string id) => new(TopicKind.User, id);
    public static Topic Users { get; } = new(TopicKind.Users, "");
    public static Topic Typing(string conversationId) => new(TopicKind.Typing, conversationId);

    public string Subject => Kind switch
    {
        TopicKind.Conversation => Prefix + "conv." + Id,
        TopicKind.User => Prefix + "user." + Id,
        TopicKind.Typing => Prefix + "typing." + Id,
        _ => Prefix + "users",
    };

    public override string ToString() => Subject;
}

public enum TopicKind
{
    Conversation,
    User,
    Users,
    Typing,
}
