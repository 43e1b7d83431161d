using System.Globalization;
using System.Threading.RateLimiting;
using Chatt.Gateway.Auth;
using Chatt.Gateway.Proxy;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Security;

public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddGatewaySecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewaySettings>().BindConfiguration(GatewaySettings.SectionName);
        builder.Services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.SectionName)
            .ValidateDataAnnotations()
            .Validate(s => Valid(s.GraphQL) && Valid(s.Auth), "RateLimits:GraphQL and RateLimits:Auth need PermitLimit >= 1 and a Window of at least one second.")
            .ValidateOnStart();

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(GraphQLProxyExtensions.RateLimitPolicy, http => Partition(http, s => s.GraphQL));
            options.AddPolicy(AuthEndpoints.RateLimitPolicy, http => Partition(http, s => s.Auth));
            options.OnRejected = (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return new ValueTask(GatewayErrors.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    GatewayErrors.RateLimited, "Too many requests; try again later."));
            };
        });

        return builder;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeaders>();

    /// <summary>CSRF header and WebSocket Origin checks; after authentication, which tells who has a session.</summary>
    public static IApplicationBuilder UseCrossSiteProtection(this IApplicationBuilder app) => app.UseMiddleware<CrossSiteProtection>();

    private static bool Valid(RateLimitWindow window) => window.PermitLimit >= 1 && window.Window >= TimeSpan.FromSeconds(1);

    /// <summary>
    /// The signed-in user's <c>sub</c> when the session cookie authenticated the request, else the client IP. A
    /// pass-through bearer token is not validated here, so its claims cannot name a partition (anyone could mint
    /// fresh ones); those callers share their IP's budget. Behind a proxy, enable forwarded headers so the IP is
    /// the client's.
    /// </summary>
    private static RateLimitPartition<string> Partition(HttpContext http, Func<RateLimitSettings, RateLimitWindow> select)
    {
        var window = select(http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().CurrentValue);
        var key = http.User.HasSession() && http.User.SubjectOf() is { } sub
            ? "user:" + sub
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            QueueLimit = 0,
        });
    }
}
