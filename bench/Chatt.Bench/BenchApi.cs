using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Tests.Support;

namespace Chatt.Bench;

/// <summary>HTTP access to the target as named users, over a shared connection pool.</summary>
internal sealed class BenchApi(Uri url, TestTokens tokens) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = url };

    public TestTokens Tokens { get; } = tokens;

    public Uri WebSocketUri => new UriBuilder(new Uri(url, "graphql")) { Scheme = "ws" }.Uri;

    public async Task<JsonElement> GraphQLAsync(string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        if (document.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException(errors.ToString());
        }

        return document.RootElement.GetProperty("data").Clone();
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
