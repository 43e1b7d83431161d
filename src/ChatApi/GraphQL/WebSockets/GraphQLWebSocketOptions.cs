using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>WebSocket limits, bound from <c>GraphQL:WebSockets</c> and validated at start.</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSockets";

    /// <summary>How long a socket may stay open without <c>connection_init</c> before it is closed with 4408.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most operations (subscriptions and in-flight queries) one socket may run; the next one is refused with an error.</summary>
    [Range(1, 10_000)]
    public int MaxOperationsPerSocket { get; set; } = 100;

    /// <summary>
    /// Frames that may wait for one socket's writer. A client that lets more pile up is closed with 4008 (slow consumer)
    /// so that publishers never wait on it.
    /// </summary>
    [Range(1, 1_000_000)]
    public int OutboundQueueCapacity { get; set; } = 1_024;

    /// <summary>Largest inbound message (bytes); a larger one closes the socket with 1009.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1_048_576;

    /// <summary>Interval of the legacy protocol's <c>ka</c> keep-alive messages.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LegacyKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a closing socket waits for the peer to drain queued frames and answer the close frame before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
