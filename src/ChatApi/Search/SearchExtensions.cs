namespace Chatt.ChatApi.Search;

public static class SearchExtensions
{
    /// <summary>Message search: the rules (<see cref="MessageSearchService"/>); the index is the store's (<see cref="Storage.IMessageSearch"/>).</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MessageSearchService>();
        return builder;
    }
}
