using System.Net;
using System.Net.WebSockets;

namespace Chatt.Tests.Support;

/// <summary>How a <see cref="GraphQLSocket"/> opens its connection.</summary>
public sealed class GraphQLSocketOptions
{
    public const string TransportProtocol = "graphql-transport-ws";
    public const string LegacyProtocol = "graphql-ws";

    /// <summary>The subprotocol to ask for; null asks for none (a refused handshake test).</summary>
    public string? SubProtocol { get; init; } = TransportProtocol;

    /// <summary>A browser's cookie jar (through the gateway).</summary>
    public CookieContainer? Cookies { get; init; }

    /// <summary>The page's Origin header (browsers always send one).</summary>
    public string? Origin { get; init; }

    /// <summary>An access token sent as the upgrade's <c>Authorization: Bearer</c> header (apps, bots).</summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// For protocol tests: pings are queued like any frame instead of answered, and nothing is read until the test
    /// first receives, so a socket can be left unread.
    /// </summary>
    public bool Raw { get; init; }

    /// <summary>
    /// Connects through this invoker (e.g. a handler whose ConnectCallback binds a source address, which the
    /// load generator uses to spread more than ~28k sockets over 127.0.0.x); null: the socket's own connection.
    /// </summary>
    public HttpMessageInvoker? Invoker { get; init; }

    internal void Apply(ClientWebSocketOptions options)
    {
        if (SubProtocol is not null)
        {
            options.AddSubProtocol(SubProtocol);
        }

        options.Cookies = Cookies;
        if (Origin is not null)
        {
            options.SetRequestHeader("Origin", Origin);
        }

        if (BearerToken is not null)
        {
            options.SetRequestHeader("Authorization", "Bearer " + BearerToken);
        }
    }
}
