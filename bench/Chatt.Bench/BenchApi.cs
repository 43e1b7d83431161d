using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Chatt.Tests.Support;

namespace Chatt.Bench;

/// <summary>HTTP access to the target instances as named users, over a shared connection pool.</summary>
internal sealed class BenchApi(IReadOnlyList<Uri> urls, TestTokens tokens) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) };

    public TestTokens Tokens { get; } = tokens;

    public int Instances => urls.Count;

    public Uri WebSocketUri(int instance = 0) => new UriBuilder(new Uri(urls[instance % urls.Count], "graphql")) { Scheme = "ws" }.Uri;

    public async Task<JsonElement> GraphQLAsync(string token, string query, object? variables = null, int instance = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(urls[instance % urls.Count], "graphql"))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        if (document.RootElement.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException(errors.ToString());
        }

        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>Signs each user in once (<c>me</c> provisions the account), 32 at a time; returns their tokens.</summary>
    public async Task<string[]> ProvisionAsync(IReadOnlyList<string> usernames)
    {
        var minted = usernames.Select(name => Tokens.For("bench-" + name, name, TimeSpan.FromHours(4))).ToArray();
        await Parallel.ForEachAsync(minted, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (token, _) => await GraphQLAsync(token, "{ me { id } }"));
        return minted;
    }

    /// <summary>Creates a conversation as <paramref name="creatorToken"/> with the other members named; returns its id.</summary>
    public async Task<string> CreateConversationAsync(string creatorToken, string name, IReadOnlyList<string> otherMembers)
    {
        var data = await GraphQLAsync(creatorToken, "mutation($n: String!, $m: [String!]!) { createConvo(input: { name: $n, members: $m }) { id } }",
            new { n = name, m = otherMembers });
        return data.GetProperty("createConvo").GetProperty("id").GetString()!;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
