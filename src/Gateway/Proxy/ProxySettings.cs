using System.ComponentModel.DataAnnotations;

namespace Chatt.Gateway.Proxy;

/// <summary><c>Gateway:Proxy</c>: how the gateway forwards to ChatApi.</summary>
public sealed class ProxySettings
{
    public const string SectionName = "Gateway:Proxy";

    /// <summary>
    /// How long a proxied request or WebSocket may go without any bytes before YARP drops it. WebSockets sit idle
    /// between messages, so this is far above YARP's 100-second default.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
