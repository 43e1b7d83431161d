using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Chatt.Gateway.Proxy;

/// <summary>
/// Where ChatApi is. By default the single destination <c>http://chatapi</c>, which service discovery resolves
/// (Aspire's <c>services:chatapi:http:0</c>; in Kubernetes the Service's DNS name). A plain
/// <c>ReverseProxy:Clusters:chatapi:Destinations:NAME:Address</c> list replaces it where neither applies.
/// </summary>
public static class ChatApiCluster
{
    public const string Id = "chatapi";
    public const string DefaultAddress = "http://chatapi";

    public static ClusterConfig From(IConfiguration configuration, ProxySettings settings)
    {
        var configured = configuration.GetSection($"ReverseProxy:Clusters:{Id}:Destinations").GetChildren()
            .Where(d => !string.IsNullOrWhiteSpace(d["Address"]))
            .ToDictionary(d => d.Key, d => new DestinationConfig { Address = d["Address"]! }, StringComparer.OrdinalIgnoreCase);

        return new ClusterConfig
        {
            ClusterId = Id,
            Destinations = configured.Count > 0
                ? configured
                : new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase) { [Id] = new() { Address = DefaultAddress } },
            LoadBalancingPolicy = configuration[$"ReverseProxy:Clusters:{Id}:LoadBalancingPolicy"] ?? "PowerOfTwoChoices",
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = settings.IdleTimeout },
        };
    }
}
