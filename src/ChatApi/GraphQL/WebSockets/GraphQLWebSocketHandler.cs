using Chatt.ChatApi.Common;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Accepts WebSocket upgrades at <c>/graphql</c> and runs the session of the negotiated subprotocol:
/// <c>graphql-transport-ws</c> when offered, else the legacy <c>graphql-ws</c>. A socket offering neither is accepted
/// (with no subprotocol) and closed at once with 4406, as graphql-ws servers do.
/// </summary>
public sealed partial class GraphQLWebSocketHandler(WebSocketSessionFactory sessions, ChatTelemetry telemetry, ILogger<GraphQLWebSocketHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = offered.Contains(TransportWsMessageType.Protocol) ? TransportWsMessageType.Protocol
            : offered.Contains(LegacyWsMessageType.Protocol) ? LegacyWsMessageType.Protocol
            : null;

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = protocol });
        using var connection = sessions.CreateConnection(socket, context.RequestAborted);
        if (protocol is null)
        {
            Log.NoSubprotocol(logger);
            connection.RequestClose(CloseReason.SubprotocolNotAcceptable);
            var writer = connection.RunWriterAsync();
            await new InboundMessages(connection, 1_024).RunAsync(static _ => ValueTask.CompletedTask);
            await writer;
            return;
        }

        telemetry.ActiveSockets.Add(1);
        try
        {
            await using var session = sessions.Create(protocol, connection, context);
            await session.RunAsync();
        }
        finally
        {
            telemetry.ActiveSockets.Add(-1);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2205, EventName = "WebSocketNoSubprotocol", Level = LogLevel.Information, Message = "Closing a WebSocket that offered neither graphql-transport-ws nor graphql-ws")]
        public static partial void NoSubprotocol(ILogger logger);
    }
}
