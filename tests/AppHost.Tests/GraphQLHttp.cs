using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Chatt.AppHost.Tests;

/// <summary>GraphQL over HTTP straight to one ChatApi replica, with a bearer token (as a bot or the CLI calls it).</summary>
internal static class GraphQLHttp
{
    public static async Task<JsonElement> PostAsync(HttpClient http, Uri replica, string accessToken, string query, object? variables,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(replica, "/graphql")) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        return await DataAsync(response, cancellationToken);
    }

    /// <summary>The response's <c>data</c>, failing with the body when the call or the operation failed.</summary>
    public static async Task<JsonElement> DataAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {body}");
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("errors", out _), body);
        return root.GetProperty("data").Clone();
    }
}
