using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The conventions every Chatt service shares (the Aspire "service defaults"): OpenTelemetry, health checks,
/// service discovery and resilient HttpClients. A service calls <see cref="AddServiceDefaults"/> first and
/// <see cref="MapDefaultEndpoints"/> after building the app.
/// </summary>
/// <remarks>
/// A service adds its own instruments on top of the defaults, from its own feature code:
/// <code>
/// builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddSource("Chatt.ChatApi"));
/// builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddMeter("Chatt.ChatApi"));
/// </code>
/// Both may be called before or after <see cref="AddServiceDefaults"/>: they configure the one provider the
/// defaults create.
/// </remarks>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of health checks that say "the process is alive"; only these decide a restart.</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of health checks that say "dependencies answer, send me traffic".</summary>
    public const string ReadyTag = "ready";

    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Retries, timeouts and a circuit breaker for every HttpClient from the factory, then name
            // resolution ("http://chatapi") through service discovery.
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Probes hit these paths every few seconds; tracing them would bury the real requests.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        // Aspire sets OTEL_EXPORTER_OTLP_ENDPOINT for each resource; without it there is nowhere to send data,
        // and an exporter would only log connection failures.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (readiness: every check tagged "ready" or "live") and <c>/alive</c> (liveness: only
    /// "live" checks). Both are anonymous and mapped in every environment, because Kubernetes' startup,
    /// liveness and readiness probes call them in production. They answer only "Healthy"/"Unhealthy", never
    /// check details, so exposing them reveals nothing about the dependencies.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag) || check.Tags.Contains(LiveTag),
        }).AllowAnonymous();

        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag),
        }).AllowAnonymous();

        return app;
    }
}
