namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Where every subscription starts, whatever the transport: the WebSocket sessions call only this. The hub decides
/// how the subscription runs (its own execution, or a share of one resolved once for many subscribers) and delivers
/// each event as serialized JSON to the subscriber's <see cref="ISubscriptionSink"/>; the transport only frames it.
/// </summary>
public interface ISubscriptionHub
{
    /// <summary>
    /// Authorizes and starts <paramref name="request"/>'s subscription. The outcome is either running (dispose its
    /// handle to stop it; the sink may then get no more calls) or refused with the errors to answer (e.g. FORBIDDEN
    /// for a non-member, a validation error), in which case the sink is never called.
    /// </summary>
    Task<SubscriptionStart> SubscribeAsync(SubscriptionRequest request, ISubscriptionSink sink);
}
