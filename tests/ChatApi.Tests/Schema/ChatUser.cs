using System.Text.Json;
using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Schema;

/// <summary>
/// One signed-in person talking to a <see cref="ChatApiHost"/> over HTTP with a minted token. Each test makes its
/// own users (unique names), so tests sharing a host never see each other's data.
/// </summary>
internal sealed class ChatUser(ChatApiHost host, string name)
{
    public string Name { get; } = name;

    public string Token { get; } = host.Tokens.For("sub-" + name, name);

    /// <summary>Signs in (provisioning the user) and returns it with its id.</summary>
    public static async Task<(ChatUser User, string Id)> SignInAsync(ChatApiHost host, string prefix)
    {
        var user = new ChatUser(host, $"{prefix}{Guid.NewGuid().ToString("N")[..8]}");
        var me = await user.DataAsync("{ me { id username } }");
        return (user, me.GetProperty("me").GetProperty("id").GetString()!);
    }

    public Task<JsonElement> SendAsync(string query, object? variables = null) =>
        host.PostGraphQLAsync(query, variables, Token, TestContext.Current.CancellationToken);

    /// <summary>Runs an operation that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        Assert.False(response.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return response.GetProperty("data");
    }

    /// <summary>Runs an operation that must fail and returns the first error's <c>extensions.code</c>.</summary>
    public async Task<string?> ErrorCodeAsync(string query, object? variables = null)
    {
        var response = await SendAsync(query, variables);
        Assert.True(response.TryGetProperty("errors", out var errors), $"Expected an error, got {response}");
        return errors[0].TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code)
            ? code.GetString()
            : null;
    }
}
