using Chatt.ChatApi.GraphQL.Execution;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>The per-socket parts a session is made of, built together by <see cref="WebSocketSessionFactory"/>.</summary>
public sealed record WebSocketSessionParts(
    WebSocketConnection Connection,
    InboundMessages Inbound,
    FrameWriter Frames,
    ConnectionInitializer Init,
    OperationRegistry Operations,
    OperationExecutor Executor,
    GraphQLRequestReader Requests,
    KeepAlive KeepAlive);
