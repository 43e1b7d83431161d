using System.Text.Json;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The legacy <c>graphql-ws</c> subprotocol of subscriptions-transport-ws, spoken by Apollo clients of the original
/// app's era: connection_init → connection_ack + <c>ka</c> keep-alives, start → data… → complete (or error),
/// stop, connection_terminate. As in that library, a start that reuses a running id replaces the old operation.
/// A refused connection_init gets <c>connection_error</c> and then the close code 4401; malformed messages close with 4400.
/// </summary>
public sealed class LegacyGraphQLWsSession(WebSocketSessionParts parts) : GraphQLWebSocketSession(parts)
{
    protected override async ValueTask OnMessageAsync(string type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case LegacyWsMessageType.ConnectionInit:
                switch (await Init.InitializeAsync(payload))
                {
                    case InitOutcome.Accepted:
                        Frames.Send(LegacyWsMessageType.ConnectionAck);
                        KeepAlive.Ping(); // subscriptions-transport-ws sends the first ka right after the ack
                        KeepAlive.Start();
                        break;
                    case InitOutcome.Unauthorized:
                        Frames.Send(LegacyWsMessageType.ConnectionError, null, new Dictionary<string, string> { ["message"] = CloseReason.Unauthorized.Description });
                        Connection.RequestClose(CloseReason.Unauthorized, flush: true);
                        break;
                }

                break;
            case LegacyWsMessageType.Start:
                await TryStartAsync(id, payload, LegacyWsMessageType.Start, replaceRunning: true);
                break;
            case LegacyWsMessageType.Stop:
                if (id is not null && await Operations.StopAsync(id))
                {
                    Frames.Send(LegacyWsMessageType.Complete, id);
                }

                break;
            case LegacyWsMessageType.ConnectionTerminate:
                Connection.RequestClose(CloseReason.Terminated, flush: true);
                break;
            default:
                Connection.RequestClose(CloseReason.BadRequest.With("unknown type"));
                break;
        }
    }
}
