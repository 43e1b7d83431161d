using System.Net;
using System.Text.Json;

namespace Chatt.AppHost.Tests;

/// <summary>
/// The whole system as <c>dotnet run --project src/AppHost</c> starts it on a machine without containers:
/// ChatApi replicas on one SQLite file joined by a local nats-server, the built-in Identity, the Gateway.
/// </summary>
public sealed class EmbeddedModeTests(EmbeddedChatt chatt) : IClassFixture<EmbeddedChatt>
{
    private const string Me = "query { me { id username } }";
    private const string CreateConvo = "mutation($name: String!, $members: [String!]!) { createConvo(input: { name: $name, members: $members }) { id } }";
    private const string Post = "mutation($c: ID!, $text: String!) { createMessage(input: { messageConversationId: $c, content: $text }) { id seq } }";
    private const string OnMessage = "subscription($c: ID!) { onCreateMessage(messageConversationId: $c) { content authorId seq } }";
    private static readonly string[] BobOnly = ["bob"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact(Timeout = 240_000)]
    public async Task Without_containers_the_app_host_runs_embedded_with_healthy_ChatApi_replicas_and_the_built_in_provider()
    {
        using var cancel = Cancel(TestContext.Current.CancellationToken);
        var replicas = NatsResource.FindNatsServerOnPath() is null ? 1 : 2;

        var mode = await chatt.SnapshotAsync("mode", cancel.Token);
        Assert.Equal("embedded", mode.Snapshot.State?.Text);

        var urls = await chatt.HealthyReplicaUrlsAsync("chatapi", replicas, cancel.Token);
        Assert.Equal(replicas, urls.Distinct().Count());

        await chatt.WaitUntilHealthyAsync("identity", cancel.Token);
        using var http = new HttpClient();
        var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(chatt.Endpoint("identity"), "/.well-known/openid-configuration"), cancel.Token)).RootElement;
        Assert.Equal("http://localhost:5090/", discovery.GetProperty("issuer").GetString());
    }

    [Fact(Timeout = 240_000)]
    public async Task Two_people_signed_in_through_the_gateway_chat_live_across_two_ChatApi_replicas()
    {
        Skips.UnlessNatsServerOnPath();
        using var cancel = Cancel(TestContext.Current.CancellationToken);
        var ct = cancel.Token;

        var replicas = await chatt.HealthyReplicaUrlsAsync("chatapi", 2, ct);
        await chatt.WaitUntilHealthyAsync("identity", ct);
        await chatt.WaitUntilHealthyAsync("gateway", ct);
        var gateway = chatt.Endpoint("gateway");
        var provider = chatt.Endpoint("identity");

        // Both sign in at the gateway, through the provider's sign-in form.
        using var alice = new Browser(gateway);
        using var bob = new Browser(gateway);
        using (var landing = await alice.SignInAsync("alice", "alice-dev-password"))
        {
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        }

        using (var landing = await bob.SignInAsync("bob", "bob-dev-password"))
        {
            Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        }

        Assert.Contains(alice.Hops, hop => hop.Authority == provider.Authority && hop.AbsolutePath == "/connect/authorize");
        Assert.Contains(alice.Hops, hop => hop.Authority == gateway.Authority && hop.AbsolutePath == "/signin-oidc");
        Assert.Equal("Alice", (await alice.MeAsync()).GetProperty("name").GetString());
        Assert.Equal("Bob", (await bob.MeAsync()).GetProperty("name").GetString());

        // Through the gateway on their cookies: each becomes a chat user, and alice opens a conversation with bob.
        Assert.Equal("bob", (await bob.QueryAsync(Me)).GetProperty("me").GetProperty("username").GetString());
        var convo = (await alice.QueryAsync(CreateConvo, new { name = $"e2e {Guid.NewGuid():N}", members = BobOnly }))
            .GetProperty("createConvo").GetProperty("id").GetString()!;

        // Each also holds an access token from the provider session the sign-in left, to call one replica directly.
        var aliceToken = await alice.AccessTokenAsync(provider, BuiltInIdentity.ClientId);
        var bobToken = await bob.AccessTokenAsync(provider, BuiltInIdentity.ClientId);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Bob listens through the gateway (cookie, the site's Origin) on whichever replica the proxy picked; alice
        // posts on each replica in turn. He hears both, so at least one message crossed from one replica to the other.
        await using (var bobSocket = await GraphQLSocket.ConnectAsync(new Uri(gateway, "/graphql"), new GraphQLSocketOptions { Cookies = bob.Cookies, Origin = bob.Origin }))
        {
            await bobSocket.InitAsync();
            await bobSocket.SubscribeAsync("messages", OnMessage, new { c = convo });
            foreach (var (replica, index) in replicas.Select((replica, index) => (replica, index)))
            {
                await PostUntilHeardAsync(http, replica, aliceToken, convo, $"hello bob, from replica {index}", bobSocket, ct);
            }
        }

        // And back, replicas pinned: alice listens on replica 0, bob answers on replica 1.
        await using var aliceSocket = await GraphQLSocket.ConnectAsync(new Uri(replicas[0], "/graphql"), aliceToken);
        await aliceSocket.SubscribeAsync("messages", OnMessage, new { c = convo });
        await PostUntilHeardAsync(http, replicas[1], bobToken, convo, "hello alice, from replica 1", aliceSocket, ct);
    }

    /// <summary>
    /// graphql-transport-ws does not acknowledge a subscription, so the first posts may precede it: post again
    /// (numbered) until the listener hears the latest one. Per-conversation order means earlier posts arrive first.
    /// </summary>
    private static async Task PostUntilHeardAsync(HttpClient http, Uri replica, string token, string convo, string text,
        GraphQLSocket listener, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var content = $"{text} #{attempt}";
            await GraphQLHttp.PostAsync(http, replica, token, Post, new { c = convo, text = content }, cancellationToken);
            try
            {
                while ((await listener.NextAsync("messages", TimeSpan.FromSeconds(1)))
                       .GetProperty("onCreateMessage").GetProperty("content").GetString() != content)
                {
                }
                return;
            }
            catch (TimeoutException)
            {
            }
        }
        Assert.Fail($"'{text}' posted on {replica} was never heard.");
    }

    private static CancellationTokenSource Cancel(CancellationToken testCancelled)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        cancel.CancelAfter(Patience);
        return cancel;
    }
}
