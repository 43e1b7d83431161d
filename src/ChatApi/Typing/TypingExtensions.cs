namespace Chatt.ChatApi.Typing;

public static class TypingExtensions
{
    /// <summary>The typing feature: <c>setTyping</c> and <c>onTyping</c> (<see cref="TypingService"/>), its throttle and options (section <c>Typing</c>).</summary>
    public static IHostApplicationBuilder AddTyping(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TypingOptions>().BindConfiguration(TypingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TypingThrottle>();
        builder.Services.AddSingleton<TypingService>();
        return builder;
    }
}
