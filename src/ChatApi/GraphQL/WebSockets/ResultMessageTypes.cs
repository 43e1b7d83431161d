namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>How a protocol names an operation's results (<c>next</c> or <c>data</c>, <c>error</c>, <c>complete</c>),
/// and the transport tag its operations carry in the telemetry.</summary>
public sealed record ResultMessageTypes(string Transport, string Next, string Error, string Complete)
{
    public static ResultMessageTypes TransportWs { get; } = new(TransportWsMessageType.Protocol, TransportWsMessageType.Next, TransportWsMessageType.Error, TransportWsMessageType.Complete);

    public static ResultMessageTypes Legacy { get; } = new(LegacyWsMessageType.Protocol, LegacyWsMessageType.Data, LegacyWsMessageType.Error, LegacyWsMessageType.Complete);
}
