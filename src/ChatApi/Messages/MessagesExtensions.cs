namespace Chatt.ChatApi.Messages;

public static class MessagesExtensions
{
    /// <summary>The messages feature: posting and paging (<see cref="MessageService"/>).</summary>
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MentionResolver>();
        builder.Services.AddSingleton<MessageService>();
        return builder;
    }
}
