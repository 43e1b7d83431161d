namespace Chatt.ChatApi.Conversations;

public static class ConversationsExtensions
{
    /// <summary>The conversations feature: its service (creation, membership). Its GraphQL types register with the schema.</summary>
    public static IHostApplicationBuilder AddConversations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ConversationService>();
        builder.Services.AddSingleton<ChangePublisher>();
        return builder;
    }
}
