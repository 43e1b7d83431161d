using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

/// <summary>The chat schema: root types assembled from the feature folders.</summary>
public sealed class ChatSchema : Schema
{
    public ChatSchema(IServiceProvider services, QueryType query, MutationType mutation, SubscriptionType subscription)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
    }
}
