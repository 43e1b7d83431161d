using System.Text.Json.Nodes;
using static Chatt.Deploy.Tests.Manifest;

namespace Chatt.Deploy.Tests;

/// <summary>
/// Where the gateway keeps revoked sessions (Gateway:Session:RevocationsPath) in each shape of release: always on a
/// writable volume, shared wherever the cookie key ring is shared, never on the read-only root or the read-only
/// key ring from a Secret.
/// </summary>
public sealed class SessionRevocationsReleaseTests
{
    [Fact]
    public void In_the_trial_revocations_live_beside_the_writable_key_ring()
    {
        var (path, mount, volume) = Revocations(Chart.Template());

        Assert.Equal("/keys/revocations", path);
        Assert.Equal("/keys", (string?)mount["mountPath"]);
        Assert.NotEqual("true", (string?)mount["readOnly"]);
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public void Replicas_sharing_a_key_ring_volume_share_their_revocations_on_it()
    {
        var (path, mount, volume) = Revocations(Chart.Template(null, "gateway.replicaCount=3", "gateway.dataProtection.existingClaim=gateway-keys"));

        Assert.Equal("/keys/revocations", path);
        Assert.NotEqual("true", (string?)mount["readOnly"]);
        Assert.Equal("gateway-keys", (string?)volume["persistentVolumeClaim"]!["claimName"]);
    }

    [Fact]
    public void A_key_ring_from_a_Secret_is_read_only_so_revocations_get_their_own_writable_volume()
    {
        var (path, mount, volume) = Revocations(Chart.Template(null, "gateway.dataProtection.existingSecret=gateway-keys"));

        Assert.Equal("/revocations", path);
        Assert.Equal("/revocations", (string?)mount["mountPath"]);
        Assert.NotEqual("true", (string?)mount["readOnly"]);
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public void The_production_values_share_revocations_on_their_own_claim_beside_the_key_ring_Secret()
    {
        var release = Chart.Template(Chart.ProductionValues);
        var (path, mount, volume) = Revocations(release);

        Assert.Equal("/revocations", path);
        Assert.NotEqual("true", (string?)mount["readOnly"]);
        Assert.Equal("chatt-gateway-revocations", (string?)volume["persistentVolumeClaim"]!["claimName"]);
        var keys = PodSpec(release.Get("Deployment", "chatt-gateway"))["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data-protection-keys")!;
        Assert.NotNull(keys["secret"]);
    }

    /// <summary>The gateway's revocations path and the volume mounted over it (the mount whose path is its longest prefix).</summary>
    private static (string Path, JsonObject Mount, JsonObject Volume) Revocations(RenderedRelease release)
    {
        var deployment = release.Get("Deployment", "chatt-gateway");
        var gateway = Container(deployment, "gateway");
        var path = (string?)Env(gateway, "Gateway__Session__RevocationsPath")["value"];
        Assert.NotNull(path);
        var mount = gateway["volumeMounts"]!.AsArray().Select(m => m!.AsObject())
            .Where(m => path == (string?)m["mountPath"] || path.StartsWith((string?)m["mountPath"] + "/", StringComparison.Ordinal))
            .OrderByDescending(m => ((string?)m["mountPath"])!.Length)
            .FirstOrDefault();
        Assert.True(mount is not null, $"{path} is on no volume: the root filesystem is read-only");
        var volume = PodSpec(deployment)["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!.AsObject();
        return (path, mount, volume);
    }
}
