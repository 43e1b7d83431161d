namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The close codes this server uses (both subprotocols). 44xx are graphql-transport-ws's own codes; graphql-ws clients
/// treat 4400, 4401, 4406, 4409 and 4429 as fatal and reconnect after the others (4403, 4408, 4008).
/// </summary>
public static class CloseCodes
{
    public const int Normal = 1000;
    /// <summary>An inbound message over <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/>.</summary>
    public const int MessageTooBig = 1009;
    /// <summary>The outbound queue overflowed: the client does not read as fast as events arrive. It may reconnect.</summary>
    public const int SlowConsumer = 4008;
    /// <summary>Malformed JSON, a binary frame, an unknown message type or a message missing a required field.</summary>
    public const int BadRequest = 4400;
    /// <summary>No valid token in the upgrade's Authorization header or in connection_init; or subscribe before connection_ack.</summary>
    public const int Unauthorized = 4401;
    /// <summary>The token expired while the socket was open: reconnect with a fresh one.</summary>
    public const int Forbidden = 4403;
    /// <summary>No recognised subprotocol was offered.</summary>
    public const int SubprotocolNotAcceptable = 4406;
    /// <summary>No connection_init within <see cref="GraphQLWebSocketOptions.ConnectionInitTimeout"/>.</summary>
    public const int ConnectionInitTimeout = 4408;
    /// <summary>A subscribe reused the id of an operation still running on this socket.</summary>
    public const int SubscriberAlreadyExists = 4409;
    /// <summary>A second connection_init.</summary>
    public const int TooManyInitialisationRequests = 4429;
}
