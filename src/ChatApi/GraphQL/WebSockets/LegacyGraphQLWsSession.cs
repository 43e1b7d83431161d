using System.Text.Json;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// The legacy <c>graphql-ws</c> subprotocol of subscriptions-transport-ws, spoken by Apollo clients of the original
/// app's era: connection_init → connection_ack + <c>ka</c> keep-alives, start → data… → complete (or error),
/// stop, connection_terminate. As in that library, a start that reuses a running id replaces the old operation.
/// A refused connection_init gets <c>connection_error</c> and then the close code 4401; malformed messages close with 4400.
/// </summary>
public sealed class LegacyGraphQLWsSession : GraphQLWebSocketSession
{
    public const string Protocol = "graphql-ws";

    private ITimer? _keepAlive;

    public LegacyGraphQLWsSession(WebSocketConnection connection, HttpContext http, GraphQLWebSocketHandler host)
        : base(connection, http, host)
    {
    }

    protected override string TransportName => Protocol;

    protected override string NextType => "data";

    protected override void OnUnauthorized()
    {
        Send("connection_error", payload: new Dictionary<string, string> { ["message"] = "Unauthorized" });
        Connection.RequestClose(CloseCodes.Unauthorized, "Unauthorized", flush: true);
    }

    protected override async ValueTask OnMessageAsync(string type, string? id, JsonElement payload)
    {
        switch (type)
        {
            case "connection_init":
                if (await InitializeAsync(payload))
                {
                    Send("connection_ack");
                    Send("ka");
                    var interval = Host.Options.LegacyKeepAliveInterval;
                    _keepAlive = Host.Time.CreateTimer(static state => ((LegacyGraphQLWsSession)state!).Send("ka"), this, interval, interval);
                }

                break;
            case "start":
                if (!IsAcknowledged)
                {
                    Connection.RequestClose(CloseCodes.Unauthorized, "Unauthorized");
                    return;
                }

                if (id is null || !Host.RequestReader.TryRead(payload, out var request, out var error))
                {
                    Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: start needs an id and a query");
                    return;
                }

                await StopOperationAsync(id);
                StartOperation(id, request);
                break;
            case "stop":
                if (id is not null && await StopOperationAsync(id))
                {
                    Send("complete", id);
                }

                break;
            case "connection_terminate":
                Connection.RequestClose(CloseCodes.Normal, "Connection terminated", flush: true);
                break;
            default:
                Connection.RequestClose(CloseCodes.BadRequest, "Invalid message received: unknown type");
                break;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
