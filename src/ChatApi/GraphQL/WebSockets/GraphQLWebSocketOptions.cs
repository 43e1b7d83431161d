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
    /// Bytes of frames that may wait for one socket's writer. A client that lets more pile up is closed with 4008
    /// (slow consumer) and its queue released, so a publisher never waits on it and it cannot pin memory. Bytes, not
    /// frames: one frame may be a 1000-message page. Keep it above <see cref="Execution.GraphQLOptions.MaxResponseBytes"/>.
    /// </summary>
    [Range(65_536, 1_073_741_824)]
    public int MaxOutboundBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Longest one frame may take to reach the socket. A client whose TCP window stays shut this long is closed with
    /// 4008: the bytes bound alone would let it hold the frame being sent (and its socket) forever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest inbound message (bytes); a larger one closes the socket with 1009.</summary>
    [Range(1_024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1_048_576;

    /// <summary>
    /// How often the server pings every socket: <c>ping</c> on graphql-transport-ws, <c>ka</c> on the legacy protocol.
    /// Must stay below the gateway's <c>Gateway:Proxy:IdleTimeout</c> (10 minutes), which drops a socket without
    /// traffic, so an idle subscription of a client that never pings (graphql-ws' default) survives the gateway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a closing socket waits for the peer to drain queued frames and answer the close frame before it is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
