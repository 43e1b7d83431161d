using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chatt.ChatApi.Tests.Limits;

/// <summary>One GraphQL POST as the web client sends it (<c>Accept: application/graphql-response+json</c>), keeping the status and headers.</summary>
internal sealed record GraphQLPost(HttpStatusCode Status, JsonElement Body, TimeSpan? RetryAfter)
{
    public const string GraphQLResponse = "application/graphql-response+json";

    public JsonElement FirstError => Body.GetProperty("errors")[0];

    public string? Code => Body.TryGetProperty("errors", out var errors) && errors[0].TryGetProperty("extensions", out var extensions)
        && extensions.TryGetProperty("code", out var code) ? code.GetString() : null;

    public JsonElement Extensions => FirstError.GetProperty("extensions");

    public bool HasData => Body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;

    public static Task<GraphQLPost> SendAsync(ChatApiHost host, string token, string query, object? variables = null, string accept = GraphQLResponse) =>
        SendJsonAsync(host, token, new { query, variables }, accept);

    public static async Task<GraphQLPost> SendJsonAsync(ChatApiHost host, string token, object body, string accept = GraphQLResponse)
    {
        using var client = host.CreateClient(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = JsonContent.Create(body) };
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(text);
        return new GraphQLPost(response.StatusCode, document.RootElement.Clone(), response.Headers.RetryAfter?.Delta);
    }
}
