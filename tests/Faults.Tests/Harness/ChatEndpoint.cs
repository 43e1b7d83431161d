using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// One way in for one user, as a client has it: a WebSocket (opened and acknowledged) and HTTP GraphQL, straight to an
/// instance with a bearer token or through the gateway with a browser's session cookie.
/// </summary>
internal sealed class ChatEndpoint(string name, Func<Task<GraphQLSocket>> connect, Func<string, object?, CancellationToken, Task<HttpResponseMessage>> post)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public string Name { get; } = name;

    public Task<GraphQLSocket> ConnectAsync() => connect();

    /// <summary>The response body (data and errors); throws when the endpoint cannot be reached or answers a non-2xx status.</summary>
    public async Task<JsonElement> PostAsync(string query, object? variables, CancellationToken cancellationToken)
    {
        using var response = await post(query, variables, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{Name} answered {(int)response.StatusCode}: {body}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Runs an operation that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables, TestContext.Current.CancellationToken);
        Assert.False(response.TryGetProperty("errors", out var errors), $"{Name}: {errors}");
        return response.GetProperty("data");
    }

    /// <summary>Straight to <paramref name="instance"/> with <paramref name="token"/> (the bearer header, and in <c>connection_init</c>).</summary>
    public static ChatEndpoint Direct(ChatApiProcess instance, string token) => new(
        instance.Name,
        () => GraphQLSocket.ConnectAsync(instance.WebSocketUri, token),
        (query, variables, cancellationToken) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, instance.GraphQLUri) { Content = JsonContent.Create(new { query, variables }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return Http.SendAsync(request, cancellationToken);
        });

    /// <summary>Through the gateway as <paramref name="browser"/>'s page does: its cookies and Origin on the socket, <c>X-CSRF</c> on posts.</summary>
    public static ChatEndpoint ThroughGateway(Browser browser, Uri webSocketUri) => new(
        "gateway",
        async () =>
        {
            var socket = await GraphQLSocket.ConnectAsync(webSocketUri, new GraphQLSocketOptions { Cookies = browser.Cookies, Origin = browser.Origin });
            try
            {
                await socket.InitAsync();
                return socket;
            }
            catch
            {
                await socket.DisposeAsync();
                throw;
            }
        },
        (query, variables, _) => browser.PostGraphQLAsync(query, variables));
}
