namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// Two ChatApi processes on one SQLite file and one nats-server. Each trusts the cluster's <see cref="SharedStoreCluster{TNode}.Tokens"/>
/// unless <paramref name="trust"/> says otherwise (a real provider's settings), and gets <paramref name="nodeSettings"/>
/// of its name on top.
/// </summary>
internal sealed class ProcessCluster(
    Func<string, IReadOnlyDictionary<string, string?>>? nodeSettings = null,
    IReadOnlyDictionary<string, string?>? trust = null) : SharedStoreCluster<ChatApiProcess>
{
    public IEnumerable<ChatApiProcess> Nodes => [A, B];

    public override ValueTask DisposeAsync()
    {
        foreach (var crash in new[] { A, B }.Select(n => n.Crash).OfType<string>())
        {
            TestContext.Current.TestOutputHelper?.WriteLine(crash);
        }

        return base.DisposeAsync();
    }

    protected override Task<ChatApiProcess> StartNodeAsync(string name, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>(SharedSettings);
        foreach (var (key, value) in (trust ?? Tokens.Settings).Concat(nodeSettings?.Invoke(name) ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return ChatApiProcess.StartAsync(name, settings, Path.Combine(Folder, name), cancellationToken);
    }
}
