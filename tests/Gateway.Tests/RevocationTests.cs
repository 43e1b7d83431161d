using System.Net;
using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

/// <summary>
/// Sign-out as an attacker holding a copy of the cookie meets it: refused by every replica sharing the key ring, and
/// still refused after the gateway restarts (revocations live in <c>Gateway:Session:RevocationsPath</c>).
/// </summary>
[Collection(ChattSystemCollection.Name)]
public sealed class RevocationTests(GatewayTestsSystem system) : IDisposable
{
    private readonly string _keyRing = Path.Combine(Path.GetTempPath(), "chatt-gw-ring-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_copy_of_a_signed_out_cookie_is_still_refused_after_the_gateway_restarts()
    {
        string stolen, kept;
        await using (var gateway = KeyRingGateway(system.SparePorts.Restart))
        {
            using var victim = await system.SignedInBrowserAsync("alice", gateway);
            using var other = await system.SignedInBrowserAsync("bob", gateway);
            stolen = victim.GatewayCookieHeader;
            kept = other.GatewayCookieHeader;
            using var signOut = await victim.SignOutAsync();
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        }

        await using var restarted = KeyRingGateway(0);

        // The restart kept the key ring (a session that was not signed out still works), so only the revocation refuses the copy.
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(restarted, kept));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(restarted, stolen));
    }

    [Fact]
    public async Task A_session_signed_out_on_one_replica_is_refused_by_the_other()
    {
        await using var first = KeyRingGateway(system.SparePorts.Replicas);
        await using var second = KeyRingGateway(0);
        using var victim = await system.SignedInBrowserAsync("alice", first);
        var stolen = victim.GatewayCookieHeader;
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(second, stolen));

        using var signOut = await victim.SignOutAsync();

        Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(second, stolen));
    }

    [Fact]
    public void A_revocations_folder_the_gateway_cannot_write_stops_the_start_naming_the_setting()
    {
        var failure = Assert.ThrowsAny<Exception>(() => new GatewayServer(system.Identity, system.ChatApi, 0, new Dictionary<string, string?>
        {
            ["Gateway:Session:RevocationsPath"] = "/proc/chatt-revocations",
        }));

        Assert.Contains("Gateway:Session:RevocationsPath", failure.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_keyRing))
        {
            Directory.Delete(_keyRing, recursive: true);
        }
    }

    /// <summary>A gateway keeping its key ring (and so, by default, its revocations) in this test's folder.</summary>
    private GatewayServer KeyRingGateway(int port) =>
        new(system.Identity, system.ChatApi, port, new Dictionary<string, string?> { ["DataProtection:KeysPath"] = _keyRing });

    private static async Task<HttpStatusCode> MeWithCookieAsync(GatewayServer gateway, string cookie)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = gateway.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
