using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Storage;

namespace Chatt.ChatApi.Conversations;

/// <summary>
/// The one place a committed change becomes events. Every mutation hands its store outcome here after the commit:
/// a change that took a rev is published once as <see cref="ConversationChanged"/> on the conversation's topic, and
/// membership changes also on the member's own topic (<see cref="UserLinked"/> / <see cref="UserUnlinked"/>) so
/// their inbox learns of it; a no-op (a retry, a reaction already there) took no rev and publishes nothing.
/// <para>Publishing never fails the mutation (the bus port swallows outages): the write has happened, and readers
/// repair gaps from the store by rev.</para>
/// </summary>
public sealed class ChangePublisher(IEventBus bus, TimeProvider time, ChatTelemetry telemetry)
{
    public async Task PublishAsync<T>(Change<T> change, ChangeKind kind, string actorId, CancellationToken cancellationToken, string? emoji = null)
        where T : class
    {
        if (change.Rev is not { } rev)
        {
            return;
        }

        var conversation = change.Conversation;
        var link = change.Value as ConvoLink;
        var changed = new ConversationChanged(conversation.Id, kind, rev, Timestamps.Truncate(time.GetUtcNow()), actorId, conversation,
            change.Value as Message, link, emoji);
        await bus.PublishAsync(Topic.Conversation(conversation.Id), changed, cancellationToken);

        Count(kind.ToString());

        ChatEvent? personal = kind switch
        {
            ChangeKind.MemberAdded => new UserLinked(link!, conversation),
            ChangeKind.MemberRemoved => new UserUnlinked(link!, conversation),
            _ => null,
        };
        if (personal is not null)
        {
            await bus.PublishAsync(Topic.User(link!.UserId), personal, cancellationToken);
        }
    }

    /// <summary>
    /// A new conversation: nobody can be subscribed to it yet, so only its members' own topics hear of it (each
    /// member's inbox joins it). A find-or-create that found an existing direct conversation publishes nothing.
    /// </summary>
    public async Task PublishCreatedAsync(ConversationCreation creation, CancellationToken cancellationToken)
    {
        if (!creation.Created)
        {
            return;
        }

        foreach (var link in creation.Links)
        {
            await bus.PublishAsync(Topic.User(link.UserId), new UserLinked(link, creation.Conversation), cancellationToken);
        }

        Count("ConversationCreated");
    }

    /// <summary>The caller's read mark moved: their other sessions, on any instance, update unread counts from it.</summary>
    public async Task PublishReadMarkAsync(ReadMarkMoved moved, CancellationToken cancellationToken)
    {
        await bus.PublishAsync(Topic.User(moved.UserId), moved, cancellationToken);
        Count("ReadMarkMoved");
    }

    private void Count(string kind) => telemetry.EventsPublished.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
