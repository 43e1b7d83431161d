using Chatt.ChatApi.GraphQL.Http;
using Chatt.ChatApi.GraphQL.WebSockets;

namespace Chatt.ChatApi.GraphQL;

public static class GraphQLEndpointExtensions
{
    public const string Path = "/graphql";

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
