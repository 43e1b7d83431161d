using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Chatt.ChatApi.Common;

public static class CommonExtensions
{
    /// <summary>Time, ids and the domain limits every feature uses.</summary>
    public static IHostApplicationBuilder AddChatCommon(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IdGenerator>();
        builder.Services.AddHostedService<StartupReport>();
        builder.Services.AddSingleton<ChatTelemetry>();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ChatTelemetry.Name));
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ChatTelemetry.Name));
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
