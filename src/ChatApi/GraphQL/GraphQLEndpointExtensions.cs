using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.GraphQL.Http;
using Chatt.ChatApi.GraphQL.WebSockets;
using GraphQL;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chatt.ChatApi.GraphQL;

public static class GraphQLEndpointExtensions
{
    public const string Path = "/graphql";

    /// <summary>
    /// The transports' services: the shared runner (document cache, depth/complexity budget, error mapping), the
    /// HTTP handler and the WebSocket handler, with their options bound from <c>GraphQL</c> and
    /// <c>GraphQL:WebSockets</c> and validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddGraphQLTransports(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphQLWebSocketOptions>().BindConfiguration(GraphQLWebSocketOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddGraphQL(graphql => graphql.AddComplexityAnalyzer((complexity, sp) => sp.GetRequiredService<ComplexityBudget>().Configure(complexity)));
        services.AddSingleton<ComplexityBudget>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<ExecutionErrorMapper>();
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLRunner>();
        services.AddSingleton<GraphQLHttpHandler>();
        services.AddSingleton<FrameSerializer>();
        services.AddSingleton<GraphQLWebSocketHandler>();
        services.AddSingleton<SubscriptionFanOut>();
        services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// <c>/graphql</c>: WebSocket upgrades go to the WebSocket transport, every other request to GraphQL over HTTP
    /// (which answers methods other than GET and POST with 405 itself).
    /// </summary>
    public static IEndpointConventionBuilder MapGraphQL(this IEndpointRouteBuilder endpoints)
    {
        var http = endpoints.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        var webSockets = endpoints.ServiceProvider.GetRequiredService<GraphQLWebSocketHandler>();
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(context => context.WebSockets.IsWebSocketRequest ? webSockets.HandleAsync(context) : http.HandleAsync(context));
        return endpoints.Map(Path, pipeline.Build()).WithDisplayName("GraphQL");
    }
}
