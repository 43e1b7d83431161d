namespace Chatt.ChatApi.Events;

/// <summary>
/// Where events go. Three kinds: one per conversation (its messages), one per user (links to that user),
/// and one for all users (new users). <see cref="Subject"/> is the bus subject: <c>chatt.conv.{id}</c>,
/// <c>chatt.user.{id}</c>, <c>chatt.users</c>; ids are restricted to URL-safe characters, so they are safe
/// NATS subject tokens.
/// </summary>
public readonly record struct Topic(TopicKind Kind, string Id)
{
    public const string Prefix = "chatt.";

    public static Topic Conversation(string id) => new(TopicKind.Conversation, id);
    public static Topic User(string id) => new(TopicKind.User, id);
    public static Topic Users { get; } = new(TopicKind.Users, "");

    public string Subject => Kind switch
    {
        TopicKind.Conversation => Prefix + "conv." + Id,
        TopicKind.User => Prefix + "user." + Id,
        _ => Prefix + "users",
    };

    public override string ToString() => Subject;
}

public enum TopicKind
{
    Conversation,
    User,
    Users,
}
