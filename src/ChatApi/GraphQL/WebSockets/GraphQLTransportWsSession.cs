using System.Text.Json;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The <c>graphql-transport-ws</c> subprotocol (the graphql-ws library's): connection_init → connection_ack,
/// ping/pong, subscribe → next… → complete (or error), client complete to stop. Protocol violations close the
/// socket with the code <see cref="CloseCodes"/> names for them.
/// </summary>
public sealed class GraphQLTransportWsSession(WebSocketConnection connection, HttpContext http, GraphQLWebSocketHandler host)
    : GraphQLWebSocketSession(connection, http, host)
{
    public const string Protocol = "graphql-transport-ws";

    protected override string TransportName => Protocol;

    protected override string NextType => "next";

    protected override async ValueTask OnMessageAsync(string type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case "connection_init":
                if (await InitializeAsync(payload))
                {
                    Send("connection_ack");
                }

                break;
            case "ping":
                Send("pong");
                break;
            case "pong":
                break;
            case "subscribe":
                if (!IsAcknowledged)
                {
                    Connection.RequestClose(CloseCodes.Unauthorized, "Unauthorized");
                    return;
                }

                if (id is null)
                {
                    Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: subscribe needs an id");
                    return;
                }

                if (!Host.RequestReader.TryRead(payload, out var request, out var error))
                {
                    Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: " + error);
                    return;
                }

                if (IsRunning(id))
                {
                    Connection.RequestClose(CloseCodes.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
                    return;
                }

                StartOperation(id, request);
                break;
            case "complete":
                if (id is not null)
                {
                    await StopOperationAsync(id);
                }

                break;
            default:
                Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: unknown type");
                break;
        }
    }
}
