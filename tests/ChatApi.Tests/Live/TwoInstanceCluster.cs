namespace Chatt.ChatApi.Tests.Live;

/// <summary>Two in-process ChatApi instances on one SQLite file and one nats-server (see <see cref="SharedStoreCluster{TNode}"/>).</summary>
public sealed class TwoInstanceCluster : SharedStoreCluster<ClusterNode>
{
    protected override async Task<ClusterNode> StartNodeAsync(string name, CancellationToken cancellationToken)
    {
        var node = new ClusterNode(Tokens, SharedSettings);
        await node.InitializeAsync();
        return node;
    }
}
