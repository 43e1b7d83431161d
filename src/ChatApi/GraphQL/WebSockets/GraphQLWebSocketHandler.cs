using System.Text.Json;
using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Accepts WebSocket upgrades at <c>/graphql</c> and runs the session of the negotiated subprotocol:
/// <c>graphql-transport-ws</c> when offered, else the legacy <c>graphql-ws</c>. A socket offering neither is accepted
/// and closed at once with 4406, as graphql-ws servers do. It also holds what every session shares.
/// </summary>
public sealed partial class GraphQLWebSocketHandler(
    GraphQLRunner runner,
    GraphQLRequestReader requestReader,
    FrameSerializer serializer,
    IServiceScopeFactory scopes,
    TokenAuthenticator authenticator,
    ExecutionErrorMapper errors,
    TimeProvider time,
    ChatTelemetry telemetry,
    SubscriptionFanOut fanOut,
    IOptions<GraphQLWebSocketOptions> options,
    ILogger<GraphQLWebSocketHandler> logger)
{
    internal GraphQLRunner Runner => runner;

    internal GraphQLRequestReader RequestReader => requestReader;

    internal IServiceScopeFactory Scopes => scopes;

    internal TokenAuthenticator Authenticator => authenticator;

    internal ExecutionErrorMapper Errors => errors;

    internal TimeProvider Time => time;

    internal ChatTelemetry Telemetry => telemetry;

    internal SubscriptionFanOut FanOut => fanOut;

    internal GraphQLWebSocketOptions Options { get; } = options.Value;

    internal ILogger Logger => logger;

    /// <summary>GraphQL.NET's serializer options, so results and errors are written exactly as over HTTP.</summary>
    internal JsonSerializerOptions JsonOptions => serializer.Options;

    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = offered.Contains(GraphQLTransportWsSession.Protocol) ? GraphQLTransportWsSession.Protocol
            : offered.Contains(LegacyGraphQLWsSession.Protocol) ? LegacyGraphQLWsSession.Protocol
            : null;

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = protocol });
        using var connection = new WebSocketConnection(socket, Options, logger, context.RequestAborted);
        if (protocol is null)
        {
            Log.NoSubprotocol(logger);
            connection.RequestClose(CloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
            var writer = connection.RunWriterAsync();
            await connection.RunReaderAsync(static _ => ValueTask.CompletedTask);
            await writer;
            return;
        }

        telemetry.ActiveSockets.Add(1);
        try
        {
            await using GraphQLWebSocketSession session = protocol == GraphQLTransportWsSession.Protocol
                ? new GraphQLTransportWsSession(connection, context, this)
                : new LegacyGraphQLWsSession(connection, context, this);
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
