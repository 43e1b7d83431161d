using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>
/// The per-caller rate limit over every transport: a flood of mutations over one socket or over HTTP is cut off
/// after the burst, with a retry hint, while other users go on. The default burst (600); a refill of 10/s instead of
/// 60/s, so that the flood is cut off however slowly a busy machine runs it (the bucket's arithmetic at the default
/// rate is <see cref="OperationRateLimiterTests"/>' job).
/// </summary>
public sealed class RateLimitTests(RateLimitTests.Host host, ITestOutputHelper output) : IClassFixture<RateLimitTests.Host>
{
    private const int Flood = 1500;

    /// <summary>The default burst at 10/s; enough operations per socket that the socket's own limit never answers first.</summary>
    public sealed class Host : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
        {
            ["GraphQL:RateLimit:PerSecond"] = "10",
            ["GraphQL:WebSockets:MaxOperationsPerSocket"] = "2000",
        };
    }

    private static readonly RateLimitOptions Defaults = new() { PerSecond = 10 };

    [Fact]
    public async Task Fifteen_hundred_createMessage_over_one_socket_are_cut_off_after_the_burst_and_the_socket_stays_open()
    {
        var room = await Room.CreateAsync(host, 1);
        await using var socket = await GraphQLSocket.ConnectAsync(host.WebSocketUri, room.Owner.Token);

        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < Flood; i++)
        {
            ids.Add(await socket.SubscribeAsync(Operations.CreateMessage, new { content = "flood " + i, messageConversationId = room.Id }));
        }

        var frames = new List<JsonElement>();
        foreach (var id in ids)
        {
            frames.Add(await socket.NextFrameAsync(id, TimeSpan.FromSeconds(60)));
        }

        clock.Stop();
        var accepted = frames.Count(f => f.GetProperty("type").GetString() == "next");
        var refused = frames.Where(f => f.GetProperty("type").GetString() == "error").Select(f => f.GetProperty("payload")[0]).ToList();
        output.WriteLine($"{Flood} createMessage over one socket in {clock.ElapsedMilliseconds} ms: {accepted} accepted, {refused.Count} refused");

        Assert.Equal(Flood, accepted + refused.Count);
        Assert.NotEmpty(refused);
        // Signing in and creating the room took a few of the burst's tokens.
        Assert.InRange(accepted, Defaults.Burst - 10, Defaults.Burst + (int)(Defaults.PerSecond * clock.Elapsed.TotalSeconds) + 1);
        Assert.All(refused, error =>
        {
            Assert.Equal("RATE_LIMITED", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.InRange(error.GetProperty("extensions").GetProperty("retryAfterMs").GetInt64(), 1, 100); // one token at 10/s
        });

        // The socket is still open, and the caller may send again once the hint's time has passed.
        await Task.Delay(TimeSpan.FromMilliseconds(refused[^1].GetProperty("extensions").GetProperty("retryAfterMs").GetInt64() + 50), TestContext.Current.CancellationToken);
        var later = await socket.SubscribeAsync("{ me { id } }");
        Assert.True((await socket.NextAsync(later)).GetProperty("me").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Fifteen_hundred_createMessage_over_HTTP_get_429_with_Retry_After_while_another_user_is_unaffected()
    {
        var room = await Room.CreateAsync(host, 1);
        var other = room.Members[0].User;

        var clock = Stopwatch.StartNew();
        var sent = 0;
        var flood = Enumerable.Range(0, 8).Select(async _ =>
        {
            var posts = new List<GraphQLPost>();
            while (Interlocked.Increment(ref sent) <= Flood)
            {
                posts.Add(await GraphQLPost.SendAsync(host, room.Owner.Token, Operations.CreateMessage, new { content = "flood", messageConversationId = room.Id }));
            }

            return posts;
        }).ToList();
        var othersPosts = new List<GraphQLPost>();
        while (!flood.All(t => t.IsCompleted))
        {
            othersPosts.Add(await GraphQLPost.SendAsync(host, other.Token, Operations.CreateMessage, new { content = "unaffected", messageConversationId = room.Id }));
            await Task.Delay(50, TestContext.Current.CancellationToken); // a person's pace, well under the refill rate
        }

        var posts = (await Task.WhenAll(flood)).SelectMany(p => p).ToList();
        clock.Stop();
        var accepted = posts.Count(p => p.Status == HttpStatusCode.OK);
        var refused = posts.Where(p => p.Status == HttpStatusCode.TooManyRequests).ToList();
        output.WriteLine($"{Flood} createMessage over HTTP in {clock.ElapsedMilliseconds} ms: {accepted} accepted, {refused.Count} refused; the other user sent {othersPosts.Count}, all accepted: {othersPosts.All(p => p.Status == HttpStatusCode.OK)}");

        Assert.Equal(Flood, accepted + refused.Count);
        Assert.NotEmpty(refused);
        Assert.InRange(accepted, Defaults.Burst - 10, Defaults.Burst + (int)(Defaults.PerSecond * clock.Elapsed.TotalSeconds) + 1);
        Assert.All(refused, post =>
        {
            Assert.Equal("RATE_LIMITED", post.Code);
            Assert.True(post.RetryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {post.RetryAfter}");
            Assert.True(post.Extensions.GetProperty("retryAfterMs").GetInt64() > 0);
            Assert.False(post.Body.TryGetProperty("data", out _));
        });
        Assert.NotEmpty(othersPosts);
        Assert.All(othersPosts, post => Assert.Equal(HttpStatusCode.OK, post.Status));
    }
}
