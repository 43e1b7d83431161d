using Chatt.ChatApi.Conversations;
using Chatt.ChatApi.Messages;
using Chatt.ChatApi.Users;
using GraphQL;

namespace Chatt.ChatApi.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>The feature services, the schema and everything it resolves through.</summary>
    public static IHostApplicationBuilder AddChatGraphQL(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserService>();
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<ChangePublisher>();
        builder.Services.AddSingleton<MentionResolver>();
        builder.Services.AddSingleton<MessageService>();
        builder.Services.AddSingleton<MessageFeeds>();

        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<ChatSchema>()
            .AddGraphTypes(typeof(ChatSchema).Assembly)
            .AddSystemTextJson());
        return builder;
    }
}
