using Chatt.ChatApi.Tests.Infrastructure;

namespace Chatt.ChatApi.Tests.Transport;

/// <summary>The real npm clients against the running API: graphql-http's audit suite, graphql-ws and subscriptions-transport-ws.</summary>
public sealed class NodeClientTransportTests(TransportHost host) : IClassFixture<TransportHost>
{
    /// <summary>Warnings we accept with a reason in tests/ChatApi.Tests/node/README.md. None: a warning is a defect.</summary>
    private static readonly string[] AcceptedWarnings = [];

    [Fact]
    public async Task Every_graphql_http_audit_passes_with_no_unaccepted_warnings()
    {
        SkipWithoutNode();

        var audits = await NodeClients.RunAsync("audit.mjs", host.GraphQLUri.ToString(), host.Tokens.For("auditor"));

        var all = audits.EnumerateArray().ToArray();
        var failures = all.Where(a => a.GetProperty("status").GetString() == "error").Select(Describe).ToArray();
        var warnings = all.Where(a => a.GetProperty("status").GetString() == "warn").Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.True(all.Length >= 61, $"Only {all.Length} audits ran.");
        Assert.True(failures.Length == 0, "Failed audits:\n" + string.Join("\n", failures));
        Assert.True(AcceptedWarnings.Order().SequenceEqual(warnings.Order()),
            "Warnings:\n" + string.Join("\n", all.Where(a => a.GetProperty("status").GetString() == "warn").Select(Describe)));
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("header")]
    public async Task The_graphql_ws_client_receives_subscription_events_and_runs_a_query_on_the_same_socket(string auth)
    {
        SkipWithoutNode();
        var (usernames, triggers) = TriggerUsers();

        var result = await NodeClients.RunAsync("graphql-ws-client.mjs", host.WebSocketUri.ToString(), host.GraphQLUri.ToString(),
            host.Tokens.For("ws-" + auth), auth, triggers);

        Assert.Contains(result.GetProperty("event").GetProperty("data").GetProperty("onCreateUser").GetProperty("username").GetString(), usernames);
        Assert.Equal("ws-" + auth, result.GetProperty("query").GetProperty("data").GetProperty("me").GetProperty("username").GetString());
    }

    [Fact]
    public async Task The_legacy_subscriptions_transport_ws_client_receives_subscription_events_and_runs_a_query()
    {
        SkipWithoutNode();
        var (usernames, triggers) = TriggerUsers();

        var result = await NodeClients.RunAsync("legacy-client.mjs", host.WebSocketUri.ToString(), host.GraphQLUri.ToString(),
            host.Tokens.For("legacy"), triggers);

        Assert.Contains(result.GetProperty("event").GetProperty("data").GetProperty("onCreateUser").GetProperty("username").GetString(), usernames);
        Assert.Equal("legacy", result.GetProperty("query").GetProperty("data").GetProperty("me").GetProperty("username").GetString());
    }

    /// <summary>Fresh users whose first request publishes onCreateUser, and their tokens as the scripts' JSON argument.</summary>
    private (string[] Usernames, string TokensJson) TriggerUsers()
    {
        var usernames = Enumerable.Range(0, 40).Select(_ => "trigger-" + Guid.NewGuid().ToString("N")[..12]).ToArray();
        return (usernames, System.Text.Json.JsonSerializer.Serialize(usernames.Select(u => host.Tokens.For(u))));
    }

    private static void SkipWithoutNode()
    {
        if (NodeClients.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static string Describe(System.Text.Json.JsonElement audit) =>
        $"{audit.GetProperty("id").GetString()} {audit.GetProperty("name").GetString()}: {audit.GetProperty("reason")}";
}
