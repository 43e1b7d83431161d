using Chatt.ChatApi.Events.InProcess;
using Chatt.ChatApi.Events.Nats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Chatt.ChatApi.Events;

/// <summary>Chooses the event bus. The only code that reads the NATS setting.</summary>
public static partial class EventsExtensions
{
    public const string ConnectionStringName = "nats";
    public const string HealthCheckName = "nats";

    /// <summary>
    /// <c>ConnectionStrings:nats</c> (a <c>nats://host:port</c> URL, Aspire's convention, credentials allowed in
    /// it) selects <see cref="NatsEventBus"/> with <c>Nats:*</c> (<see cref="NatsBusOptions"/>: the signing key,
    /// credentials, outbox size) and a "ready" health check; without it the <see cref="InProcessEventBus"/>
    /// serves a single instance. A malformed value or a missing signing key fails at start, naming the setting.
    /// </summary>
    public static IHostApplicationBuilder AddChatEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var url = builder.Configuration.GetConnectionString(ConnectionStringName);

        if (string.IsNullOrWhiteSpace(url))
        {
            builder.Services.AddSingleton<IEventBus>(sp =>
            {
                var logger = EventsLogger(sp);
                LogInProcess(logger);
                return ActivatorUtilities.CreateInstance<InProcessEventBus>(sp);
            });
            return builder;
        }

        var server = RequireNatsUrl(url);
        builder.Services.AddOptions<NatsBusOptions>().BindConfiguration(NatsBusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp =>
        {
            var logger = EventsLogger(sp);
            LogNats(logger, server);
            var options = NatsOpts.Default with
            {
                Url = url,
                Name = $"chatapi-{Environment.MachineName}-{Environment.ProcessId}",
            };
            return new NatsEventBus(options, sp.GetRequiredService<IOptions<NatsBusOptions>>().Value,
                sp.GetRequiredService<ILogger<NatsEventBus>>(), sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        builder.Services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<NatsEventBus>());
        // Connects when the host starts (not on the first request), so events of the first posts reach every instance.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NatsEventBus>());
        builder.Services.AddHealthChecks().AddCheck<NatsHealthCheck>(HealthCheckName, tags: ["ready"]);
        return builder;
    }

    /// <summary>Returns <c>scheme://host:port</c> — the URL without credentials, fit for logs.</summary>
    private static string RequireNatsUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("nats" or "tls" or "ws" or "wss")
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} must be a nats://host:port URL; the configured value is not.");
        }
        return $"{uri.Scheme}://{uri.Host}:{(uri.IsDefaultPort ? 4222 : uri.Port)}";
    }

    private static ILogger EventsLogger(IServiceProvider sp) =>
        sp.GetRequiredService<ILoggerFactory>().CreateLogger("Chatt.ChatApi.Events");

    [LoggerMessage(EventId = 1000, EventName = "EventBusInProcess", Level = LogLevel.Information,
        Message = "Event bus: in-process (no ConnectionStrings:nats); events reach this instance only")]
    private static partial void LogInProcess(ILogger logger);

    [LoggerMessage(EventId = 1001, EventName = "EventBusNats", Level = LogLevel.Information,
        Message = "Event bus: NATS at {Server}")]
    private static partial void LogNats(ILogger logger, string server);
}
