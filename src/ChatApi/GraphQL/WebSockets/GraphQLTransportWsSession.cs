using System.Text.Json;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the graphql-ws library's): connection_init → connection_ack,
/// ping/pong both ways, subscribe → next… → complete (or error), client complete to stop. Protocol violations close
/// the socket with the code <see cref="CloseReason"/> names for them.
/// </summary>
public sealed class GraphQLTransportWsSession(WebSocketSessionParts parts) : GraphQLWebSocketSession(parts)
{
    protected override async ValueTask OnMessageAsync(string type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case TransportWsMessageType.ConnectionInit:
                switch (await Init.InitializeAsync(payload))
                {
                    case InitOutcome.Accepted:
                        Frames.Send(TransportWsMessageType.ConnectionAck);
                        KeepAlive.Start();
                        break;
                    case InitOutcome.Unauthorized:
                        Connection.RequestClose(CloseReason.Unauthorized);
                        break;
                }

                break;
            case TransportWsMessageType.Ping:
                Frames.Send(TransportWsMessageType.Pong);
                break;
            case TransportWsMessageType.Pong:
                break;
            case TransportWsMessageType.Subscribe:
                await TryStartAsync(id, payload, TransportWsMessageType.Subscribe);
                break;
            case TransportWsMessageType.Complete:
                if (id is not null)
                {
                    await Operations.StopAsync(id);
                }

                break;
            default:
                Connection.RequestClose(CloseReason.BadRequest.With("unknown type"));
                break;
        }
    }
}
