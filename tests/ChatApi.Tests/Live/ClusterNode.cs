namespace Chatt.ChatApi.Tests.Live;

/// <summary>
/// One ChatApi instance of a <see cref="TwoInstanceCluster"/>, in this process: its own Kestrel port and DI container,
/// sharing the SQLite file, the nats-server and the token key with its peer.
/// </summary>
public sealed class ClusterNode(TestTokens tokens, IReadOnlyDictionary<string, string?> settings) : ChatApiHost(tokens)
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>(settings);
}
