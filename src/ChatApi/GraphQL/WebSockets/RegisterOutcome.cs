namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>Whether an operation got a slot on its socket.</summary>
public enum RegisterOutcome
{
    Registered,

    /// <summary>An operation with this id is still running.</summary>
    DuplicateId,

    /// <summary>The socket already runs <see cref="GraphQLWebSocketOptions.MaxOperationsPerSocket"/> operations.</summary>
    OverLimit,
}
