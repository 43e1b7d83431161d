namespace Chatt.Tests.Support;

/// <summary>The settings every instance of a test deployment shares.</summary>
public abstract class SharedStoreCluster
{
    /// <summary>The deployment's bus signing key (<c>Nats:SigningKey</c>), the same on every instance.</summary>
    public const string SigningKey = "tests-signing-key-0123456789abcdef";
}

/// <summary>
/// The production shape on one machine: two ChatApi instances (<typeparamref name="TNode"/>: in this process, or
/// their own processes) on one SQLite file and one real, authenticated nats-server, sharing the token key and the
/// bus signing key. Used per test (<see cref="IAsyncLifetime"/>) since fault tests break it; skips where
/// nats-server is missing.
/// </summary>
public abstract class SharedStoreCluster<TNode> : SharedStoreCluster, IAsyncLifetime
    where TNode : class, IAsyncDisposable
{
    private TNode? _a;
    private TNode? _b;
    private NatsServer? _nats;

    /// <summary>A fresh folder holding the SQLite file (and whatever else the nodes keep).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "chatt-cluster-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, "chatt.db");

    public TestTokens Tokens { get; } = new();

    public NatsServer Nats => _nats ?? throw new InvalidOperationException("The cluster has not started.");

    public TNode A => _a ?? throw new InvalidOperationException("The cluster has not started.");

    public TNode B => _b ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>What each instance is configured with: the shared store, the bus with its credentials, the signing key.</summary>
    public IReadOnlyDictionary<string, string?> SharedSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:chatdb"] = $"Data Source={DatabasePath}",
        ["ConnectionStrings:nats"] = Nats.Url,
        ["Nats:SigningKey"] = SigningKey,
    };

    /// <summary>Starts one instance with <see cref="SharedSettings"/>; <paramref name="name"/> is "a" or "b".</summary>
    protected abstract Task<TNode> StartNodeAsync(string name, CancellationToken cancellationToken);

    public virtual async ValueTask InitializeAsync()
    {
        NatsServer.SkipIfMissing();
        var cancellationToken = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(Folder);
        _nats = await NatsServer.StartAsync(cancellationToken);
        _a = await StartNodeAsync("a", cancellationToken);
        _b = await StartNodeAsync("b", cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }
}
