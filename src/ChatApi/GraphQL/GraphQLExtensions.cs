using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.GraphQL.Http;
using Chatt.ChatApi.GraphQL.WebSockets;
using GraphQL;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatt.ChatApi.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>
    /// The GraphQL API: the schema (every graph type in this assembly, the feature folders' included), the one runner
    /// both transports share (document cache, document bounds, cost budget, error mapping), GraphQL over HTTP, and the
    /// WebSocket transport with its subscription hub. Options come from <c>GraphQL</c> and <c>GraphQL:WebSockets</c>,
    /// validated at start. The feature services themselves are registered by their folders (<c>AddUsers()</c>, …).
    /// </summary>
    public static IHostApplicationBuilder AddChatGraphQL(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddGraphQL(graphql => graphql
            .AddSchema<ChatSchema>()
            .AddGraphTypes(typeof(ChatSchema).Assembly)
            .AddSystemTextJson()
            .AddComplexityAnalyzer((complexity, sp) => sp.GetRequiredService<ComplexityBudget>().Configure(complexity)));

        services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ComplexityBudget>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<DocumentBounds>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OperationRateLimiter>();
        services.AddSingleton<ExecutionErrorMapper>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLRunner>();
        services.AddSingleton<GraphQLHttpHandler>();

        services.AddOptions<GraphQLWebSocketOptions>().BindConfiguration(GraphQLWebSocketOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FrameSerializer>();
        services.AddSingleton<SubscriptionFanOut>();
        services.TryAddSingleton<ISubscriptionHub, ExecutorSubscriptionHub>();
        services.AddSingleton<WebSocketSessionFactory>();
        services.AddSingleton<GraphQLWebSocketHandler>();
        services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
