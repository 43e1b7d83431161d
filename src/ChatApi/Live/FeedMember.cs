namespace Chatt.ChatApi.Live;

/// <summary>
/// A subscriber attached to a <see cref="ConversationFeed"/>: which of the feed's events it wants (a
/// <see cref="ConversationEvent"/> of the rev stream, or a new <see cref="Messages.Message"/> of the seq stream), and
/// what to do when its user stops being a member (called once, outside the feed's lock, after the final event was
/// queued): a conversation subscription ends with FORBIDDEN, an inbox drops that conversation.
/// </summary>
public sealed class FeedMember(LiveSubscriber subscriber, Func<object, bool> wants, Action revoked)
{
    public LiveSubscriber Subscriber { get; } = subscriber;

    public string UserId => Subscriber.UserId;

    public bool Wants(object feedEvent) => wants(feedEvent);

    internal void Revoked() => revoked();
}
