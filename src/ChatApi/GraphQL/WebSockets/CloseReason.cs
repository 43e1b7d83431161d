namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Every way this server closes a socket (both subprotocols), each named once with its code and text. 44xx are
/// graphql-transport-ws's own codes; graphql-ws clients treat 4400, 4401, 4406, 4409 and 4429 as fatal and reconnect
/// after the others (4403, 4408, 4008). The text is limited to 123 UTF-8 bytes by RFC 6455 (see <see cref="Truncated"/>).
/// </summary>
public readonly record struct CloseReason(int Code, string Description)
{
    public static CloseReason Normal { get; } = new(1000, "");

    /// <summary>An inbound message over <see cref="GraphQLWebSocketOptions.MaxMessageBytes"/>.</summary>
    public static CloseReason MessageTooBig { get; } = new(1009, "Message too big");

    /// <summary>More than <see cref="GraphQLWebSocketOptions.MaxOutboundBytes"/> waiting for the client: it may reconnect.</summary>
    public static CloseReason SlowConsumerBytes { get; } = new(4008, "Slow consumer: outbound bytes over the limit");

    /// <summary>One send took longer than <see cref="GraphQLWebSocketOptions.SendTimeout"/>: the client stopped reading.</summary>
    public static CloseReason SlowConsumerSendTimeout { get; } = new(4008, "Slow consumer: a send timed out");

    /// <summary>Malformed JSON, a binary frame, an unknown message type or a message missing a required field.</summary>
    public static CloseReason BadRequest { get; } = new(4400, "Invalid message received");

    public static CloseReason BinaryMessage { get; } = new(4400, "Binary messages are not supported");

    /// <summary>No valid token in the upgrade's Authorization header or in connection_init; or subscribe before connection_ack.</summary>
    public static CloseReason Unauthorized { get; } = new(4401, "Unauthorized");

    /// <summary>The token expired while the socket was open: reconnect with a fresh one.</summary>
    public static CloseReason TokenExpired { get; } = new(4403, "Forbidden: token expired");

    /// <summary>No recognised subprotocol was offered.</summary>
    public static CloseReason SubprotocolNotAcceptable { get; } = new(4406, "Subprotocol not acceptable");

    /// <summary>No connection_init within <see cref="GraphQLWebSocketOptions.ConnectionInitTimeout"/>.</summary>
    public static CloseReason ConnectionInitTimeout { get; } = new(4408, "Connection initialisation timeout");

    /// <summary>A subscribe reused the id of an operation still running on this socket.</summary>
    public static CloseReason SubscriberAlreadyExists { get; } = new(4409, "Subscriber already exists");

    /// <summary>A second connection_init.</summary>
    public static CloseReason TooManyInitialisationRequests { get; } = new(4429, "Too many initialisation requests");

    /// <summary>The legacy protocol's connection_terminate.</summary>
    public static CloseReason Terminated { get; } = new(1000, "Connection terminated");

    /// <summary>This reason with a detail appended to its text (what exactly was wrong).</summary>
    public CloseReason With(string detail) => this with { Description = Description + ": " + detail };

    /// <summary>The text cut to the 123 UTF-8 bytes a close frame can carry.</summary>
    public string Truncated
    {
        get
        {
            if (System.Text.Encoding.UTF8.GetByteCount(Description) <= 123)
            {
                return Description;
            }

            var end = Math.Min(Description.Length, 120);
            while (System.Text.Encoding.UTF8.GetByteCount(Description.AsSpan(0, end)) > 120)
            {
                end--;
            }

            return string.Concat(Description.AsSpan(0, end), "...");
        }
    }
}
