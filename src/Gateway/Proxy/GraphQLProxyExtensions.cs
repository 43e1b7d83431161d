using System.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Chatt.Gateway.Proxy;

public static class GraphQLProxyExtensions
{
    public const string RateLimitPolicy = "graphql";
    public const string RouteId = "graphql";

    /// <summary>YARP with one route, <c>/graphql</c> (HTTP and WebSocket), to the ChatApi cluster found by service discovery.</summary>
    public static IHostApplicationBuilder AddGraphQLProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxySettings>().BindConfiguration(ProxySettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var settings = builder.Configuration.GetSection(ProxySettings.SectionName).Get<ProxySettings>() ?? new ProxySettings();

        var route = new RouteConfig
        {
            RouteId = RouteId,
            ClusterId = ChatApiCluster.Id,
            Match = new RouteMatch { Path = "/graphql" },
            RateLimiterPolicy = RateLimitPolicy,
        };

        builder.Services.AddReverseProxy()
            .LoadFromMemory([route], [ChatApiCluster.From(builder.Configuration, settings)])
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms =>
            {
                // ChatApi authenticates by bearer token only; the session cookie is the gateway's business.
                transforms.AddRequestHeaderRemove("Cookie");
                transforms.AddRequestTransform(context =>
                {
                    if (context.HttpContext.Items[GraphQLProxyAccess.AccessTokenItem] is string token)
                    {
                        context.ProxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    }

                    return ValueTask.CompletedTask;
                });
            });

        return builder;
    }

    public static IEndpointRouteBuilder MapGraphQLProxy(this IEndpointRouteBuilder app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<GraphQLProxyAccess>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
