namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>What became of a connection_init.</summary>
public enum InitOutcome
{
    /// <summary>The caller is known: acknowledge.</summary>
    Accepted,

    /// <summary>No valid token: the protocol refuses in its own way.</summary>
    Unauthorized,

    /// <summary>Refused and already closing (a second init, or an expired token).</summary>
    Refused,
}
