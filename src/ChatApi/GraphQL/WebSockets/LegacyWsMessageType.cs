namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>The message types of the legacy <c>graphql-ws</c> subprotocol (subscriptions-transport-ws).</summary>
public static class LegacyWsMessageType
{
    public const string Protocol = "graphql-ws";

    public const string ConnectionInit = "connection_init";
    public const string ConnectionAck = "connection_ack";
    public const string ConnectionError = "connection_error";
    public const string KeepAlive = "ka";
    public const string ConnectionTerminate = "connection_terminate";
    public const string Start = "start";
    public const string Data = "data";
    public const string Error = "error";
    public const string Complete = "complete";
    public const string Stop = "stop";
}
