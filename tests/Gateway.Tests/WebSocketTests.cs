using Chatt.Gateway.Tests.Infrastructure;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class WebSocketTests(GatewayTestsSystem system)
{
    private const string OnCreateMessage = "subscription($id: ID!) { onCreateMessage(messageConversationId: $id) { content } }";
    private const string CreateMessage = "mutation($id: ID!, $content: String!) { createMessage(input: { messageConversationId: $id, content: $content }) { id } }";

    [Fact]
    public async Task A_WebSocket_with_the_session_cookie_and_the_sites_Origin_subscribes_and_receives_messages()
    {
        using var browser = await system.SignedInBrowserAsync("alice");
        var conversationId = await NewConversationAsync(browser);
        await using var socket = await GraphQLSocket.ConnectAsync(system.Gateway.WebSocketUri, new GraphQLSocketOptions { Cookies = browser.Cookies, Origin = system.Gateway.Origin });

        await socket.InitAsync();
        await socket.SubscribeAsync("1", OnCreateMessage, new { id = conversationId });
        var received = await PostUntilReceivedAsync(browser, socket, conversationId);

        Assert.Equal("next", received.GetProperty("type").GetString());
        Assert.StartsWith("hello ", received.GetProperty("payload").GetProperty("data").GetProperty("onCreateMessage").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_closes_the_sessions_open_WebSocket_and_it_receives_nothing_more()
    {
        using var alice = await system.SignedInBrowserAsync("alice");
        var conversationId = await NewConversationAsync(alice);
        await using var socket = await GraphQLSocket.ConnectAsync(system.Gateway.WebSocketUri, new GraphQLSocketOptions { Cookies = alice.Cookies, Origin = system.Gateway.Origin });
        await socket.InitAsync();
        await socket.SubscribeAsync("1", OnCreateMessage, new { id = conversationId });
        await PostUntilReceivedAsync(alice, socket, conversationId);
        var token = await system.AccessTokenAsync("alice");

        using var signOut = await alice.SignOutAsync();
        var afterSignOut = await socket.TryNextFrameAsync("1", TimeSpan.FromSeconds(10));
        // Alice is still in the conversation on another device (a bearer client): her message must not reach the revoked socket.
        using var other = new HttpClient { BaseAddress = system.Gateway.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var posted = await other.PostAsync("/graphql", System.Net.Http.Json.JsonContent.Create(new { query = CreateMessage, variables = new { id = conversationId, content = "after sign-out" } }));
        var late = await socket.TryNextFrameAsync("1", TimeSpan.FromSeconds(1));

        Assert.True(signOut.IsSuccessStatusCode);
        Assert.Equal("closed", afterSignOut?.GetProperty("type").GetString());
        Assert.True(posted.IsSuccessStatusCode);
        Assert.Equal("closed", late?.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_WebSocket_with_its_own_bearer_token_and_no_cookie_is_passed_through()
    {
        var token = await system.AccessTokenAsync("bob");
        await using var socket = await GraphQLSocket.ConnectAsync(system.Gateway.WebSocketUri, new GraphQLSocketOptions { BearerToken = token });

        await socket.InitAsync();
        await socket.SubscribeAsync("1", "subscription { onCreateUser { id } }");

        Assert.Null(await socket.TryNextFrameAsync("1", TimeSpan.FromMilliseconds(200)));
    }

    private static async Task<string> NewConversationAsync(Browser browser)
    {
        var data = await browser.QueryAsync("mutation($name: String!) { createConvo(input: { name: $name, members: [] }) { id } }", new { name = "ws-" + Guid.NewGuid().ToString("N") });
        return data.GetProperty("createConvo").GetProperty("id").GetString()!;
    }

    /// <summary>
    /// graphql-transport-ws does not acknowledge a subscription, so a message posted at once may precede it:
    /// post, wait a little, and post again until the subscription delivers one.
    /// </summary>
    private static async Task<System.Text.Json.JsonElement> PostUntilReceivedAsync(Browser browser, GraphQLSocket socket, string conversationId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await browser.QueryAsync(CreateMessage, new { id = conversationId, content = "hello " + attempt });
            if (await socket.TryNextFrameAsync("1", TimeSpan.FromMilliseconds(200)) is { } message)
            {
                return message;
            }
        }

        throw new TimeoutException("The subscription delivered nothing.");
    }
}
