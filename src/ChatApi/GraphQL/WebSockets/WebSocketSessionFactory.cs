using System.Net.WebSockets;
using Chatt.ChatApi.Auth;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Builds one accepted socket's parts, each given only what its job needs: the shared services are injected here
/// once, and per-socket state (the connection, its frames, its operations) is created for the socket and passed on.
/// </summary>
public sealed class WebSocketSessionFactory(
    GraphQLRunner runner,
    OperationRateLimiter rateLimiter,
    GraphQLRequestReader requests,
    ISubscriptionHub subscriptions,
    FrameSerializer serializer,
    IServiceScopeFactory scopes,
    TokenAuthenticator authenticator,
    ExecutionErrorMapper errors,
    TimeProvider time,
    ChatTelemetry telemetry,
    IOptions<GraphQLWebSocketOptions> options,
    IOptions<GraphQLOptions> graphQLOptions,
    ILoggerFactory loggers)
{
    private readonly GraphQLWebSocketOptions _options = options.Value;
    private readonly ILogger _logger = loggers.CreateLogger<GraphQLWebSocketSession>();

    public WebSocketConnection CreateConnection(WebSocket socket, CancellationToken requestAborted) =>
        new(socket, _options, time, _logger, requestAborted);

    /// <summary>The session of <paramref name="protocol"/> (one of the two the handler negotiates) on <paramref name="connection"/>.</summary>
    public GraphQLWebSocketSession Create(string protocol, WebSocketConnection connection, HttpContext http)
    {
        var legacy = protocol == LegacyWsMessageType.Protocol;
        var frames = new FrameWriter(connection, serializer.Options, graphQLOptions.Value.MaxResponseBytes);
        var operations = new OperationRegistry(_options.MaxOperationsPerSocket);
        var parts = new WebSocketSessionParts(
            connection,
            new InboundMessages(connection, _options.MaxMessageBytes),
            frames,
            new ConnectionInitializer(connection, http.User, authenticator, time, _options.ConnectionInitTimeout, _logger),
            operations,
            new OperationExecutor(operations, frames, legacy ? ResultMessageTypes.Legacy : ResultMessageTypes.TransportWs,
                runner, rateLimiter, subscriptions, errors, telemetry, scopes, connection.Closing),
            requests,
            new KeepAlive(frames, legacy ? LegacyWsMessageType.KeepAlive : TransportWsMessageType.Ping, time, _options.KeepAliveInterval));
        return legacy ? new LegacyGraphQLWsSession(parts) : new GraphQLTransportWsSession(parts);
    }
}
