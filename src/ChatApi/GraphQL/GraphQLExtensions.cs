using GraphQL;

namespace Chatt.ChatApi.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>The schema and everything it resolves through.</summary>
    public static IHostApplicationBuilder AddChatGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<ChatSchema>()
            .AddGraphTypes(typeof(ChatSchema).Assembly)
            .AddSystemTextJson());
        return builder;
    }
}
