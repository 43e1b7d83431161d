using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.Live;

public static class LiveExtensions
{
    /// <summary>
    /// Live delivery: the conversation feeds, the render groups and the subscription hub every transport starts
    /// subscriptions through. Settings from <c>Live</c> (<see cref="LiveOptions"/>), validated at start.
    /// </summary>
    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<LiveSlot>();
        builder.Services.AddSingleton<LiveFeeds>();
        builder.Services.AddSingleton<LiveRenderer>();
        builder.Services.AddSingleton<RenderGroups>();
        builder.Services.AddSingleton<ISubscriptionHub, LiveHub>();
        return builder;
    }
}
