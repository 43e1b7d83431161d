using System.Net;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>One bucket per caller whatever the transport: spending it over HTTP leaves nothing for either WebSocket protocol.</summary>
public sealed class SharedRateLimitTests(SharedRateLimitTests.Host host) : IClassFixture<SharedRateLimitTests.Host>
{
    /// <summary>A small burst that barely refills, so the test does not race the clock.</summary>
    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
        {
            ["GraphQL:RateLimit:Burst"] = "30",
            ["GraphQL:RateLimit:PerSecond"] = "0.01",
        };
    }

    [Fact]
    public async Task A_caller_limited_over_HTTP_is_limited_on_both_WebSocket_protocols_too()
    {
        var (user, _) = await ChatUser.SignInAsync(host, "shared");
        var batch = Enumerable.Repeat(new { query = "{ me { id } }" }, 10).ToArray();
        var first = await GraphQLPost.SendJsonAsync(host, user.Token, batch);
        var second = await GraphQLPost.SendJsonAsync(host, user.Token, batch);
        var third = await GraphQLPost.SendJsonAsync(host, user.Token, batch); // 1 + 20 taken: 9 left, not 10

        var single = await GraphQLPost.SendAsync(host, user.Token, "{ me { id } }");
        for (var i = 0; i < 8; i++)
        {
            await GraphQLPost.SendAsync(host, user.Token, "{ me { id } }");
        }

        await using var modern = await GraphQLSocket.ConnectAsync(host.WebSocketUri, user.Token);
        var onModern = await modern.NextFrameAsync(await modern.SubscribeAsync("{ me { id } }"));
        await using var legacy = await GraphQLSocket.ConnectAsync(host.WebSocketUri, new GraphQLSocketOptions { SubProtocol = GraphQLSocketOptions.LegacyProtocol });
        await legacy.InitAsync(user.Token);
        var onLegacy = await legacy.NextFrameAsync(await legacy.SubscribeAsync("{ me { id } }"));
        var (someoneElse, _) = await ChatUser.SignInAsync(host, "else");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.Status); // a batch takes all its tokens or none
        Assert.Equal(HttpStatusCode.OK, single.Status);
        Assert.Equal("error", onModern.GetProperty("type").GetString());
        Assert.Equal("RATE_LIMITED", onModern.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("error", onLegacy.GetProperty("type").GetString());
        Assert.Contains("RATE_LIMITED", onLegacy.GetProperty("payload").GetRawText(), StringComparison.Ordinal);
        Assert.NotNull(someoneElse);
    }
}
