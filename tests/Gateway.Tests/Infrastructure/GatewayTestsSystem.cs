using Chatt.Tests.Support;

namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>
/// <see cref="ChattSystem"/> plus the gateways these tests need beside the main one: one with tight rate limits, and
/// two replicas sharing one data-protection key ring that refresh the access token on every request.
/// </summary>
public sealed class GatewayTestsSystem : ChattSystem
{
    public const int LimitedGraphQLPermits = 3;

    private readonly string _sharedKeys = Path.Combine(Path.GetTempPath(), "chatt-gw-keys-" + Guid.NewGuid().ToString("N"));

    /// <summary>A gateway allowing <see cref="LimitedGraphQLPermits"/> /graphql requests per caller per minute.</summary>
    public GatewayServer LimitedGateway { get; private set; } = null!;

    /// <summary>Two replicas sharing one data-protection key ring, refreshing the access token on every request.</summary>
    public (GatewayServer First, GatewayServer Second) RefreshingReplicas { get; private set; }

    /// <summary>
    /// Ports registered at the provider and left free, for tests that start (and restart) gateways of their own;
    /// each test uses its own.
    /// </summary>
    public (int Restart, int Replicas) SparePorts => (ExtraPorts[2], ExtraPorts[3]);

    protected override int ExtraGatewayPorts => 4;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        LimitedGateway = new GatewayServer(Identity, ChatApi, ExtraPorts[0], new Dictionary<string, string?>
        {
            ["RateLimits:GraphQL:PermitLimit"] = LimitedGraphQLPermits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:GraphQL:Window"] = "00:10:00",
        });
        var replica = new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = _sharedKeys,
            // Longer than any access token lives: every request refreshes.
            ["Oidc:RefreshBeforeExpiry"] = "1.00:00:00",
        };
        RefreshingReplicas = (new GatewayServer(Identity, ChatApi, ExtraPorts[1], replica), new GatewayServer(Identity, ChatApi, 0, replica));
    }

    public override async ValueTask DisposeAsync()
    {
        await RefreshingReplicas.Second.DisposeAsync();
        await RefreshingReplicas.First.DisposeAsync();
        await LimitedGateway.DisposeAsync();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_sharedKeys, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
