using GraphQL;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>What <see cref="ISubscriptionHub.SubscribeAsync"/> answered: a running subscription, or its refusal.</summary>
public sealed record SubscriptionStart(IDisposable? Running, ExecutionErrors? Errors)
{
    public static SubscriptionStart Started(IDisposable running) => new(running, null);

    public static SubscriptionStart Refused(ExecutionErrors errors) => new(null, errors);
}
