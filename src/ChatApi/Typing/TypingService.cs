using Chatt.ChatApi.Common;
using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Typing;

/// <summary>
/// The rules about typing indicators. Only current members set or watch them (FORBIDDEN otherwise, and nothing is
/// published). Nothing is stored and no rev is taken: a state is published on the conversation's
/// <see cref="Topic.Typing"/> topic, throttled by <see cref="TypingThrottle"/>, and counts until its
/// <c>expiresAt</c>. Retrying is harmless by nature: the same state again is absorbed or re-published.
/// </summary>
public sealed class TypingService(
    IChatStore store,
    ConversationService conversations,
    IEventBus bus,
    TypingThrottle throttle,
    TimeProvider time,
    IOptions<TypingOptions> options,
    ILogger<TypingStream> streamLogger)
{
    /// <summary>
    /// Sets the caller's typing state in a conversation and returns the state in effect: the one just published,
    /// or, for a <c>true</c> absorbed by the throttle, the earlier <c>true</c> whose <c>expiresAt</c> still holds.
    /// </summary>
    public async Task<TypingChanged> SetAsync(string callerId, string conversationId, bool typing, CancellationToken cancellationToken)
    {
        // Checked on every call, throttled or not: a removed member is refused at once.
        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        var now = Timestamps.Truncate(time.GetUtcNow());
        if (throttle.Covering(callerId, conversationId, typing, now) is { } covering)
        {
            return covering;
        }

        var user = await store.GetUserAsync(callerId, cancellationToken) ?? throw ChatException.NotFound("User");
        // The identity provider's subject is nobody else's business, not even on the bus.
        var next = new TypingChanged(conversationId, user with { Subject = "" }, typing, now, typing ? now + options.Value.Expiry : now);
        if (!throttle.TryRecord(next, out covering))
        {
            return covering!;
        }

        await bus.PublishAsync(Topic.Typing(conversationId), next, cancellationToken);
        return next;
    }

    /// <summary>The source of one <c>onTyping</c> subscription; FORBIDDEN unless the caller is a current member.</summary>
    public async Task<TypingStream> SubscribeAsync(string callerId, string conversationId, CancellationToken cancellationToken)
    {
        await conversations.RequireMemberAsync(callerId, conversationId, cancellationToken);
        return new TypingStream(bus, conversationId, callerId, ReadMembershipAsync, time, streamLogger);

        // The subscriber's membership as the store has it now: the conversation's lastRev while a member, else null.
        async Task<long?> ReadMembershipAsync(CancellationToken token) =>
            await store.GetLinkAsync(conversationId, callerId, token) is null
                ? null
                : (await store.GetConversationAsync(conversationId, token))?.LastRev;
    }
}
