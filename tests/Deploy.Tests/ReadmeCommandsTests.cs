using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chatt.Deploy.Tests;

/// <summary>
/// The README's API examples, run as they are written there (the blocks after <c>&lt;!-- readme-test: NAME --&gt;</c>),
/// so they cannot drift: a user-jwts token on a fresh home folder, the curl query and the graphql-ws subscription,
/// against ChatApi published and started in Development (only the port differs from the README's 5100).
/// </summary>
public sealed class ReadmeCommandsTests : IAsyncDisposable
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(DeployTools.RepoRoot, "README.md"));

    // A home of its own: user-jwts writes the signing key to ~/.microsoft/usersecrets, which must not be the user's.
    private readonly string _home = Directory.CreateTempSubdirectory("chatt-readme-home-").FullName;
    private ServiceProcess? _chatApi;

    [Fact]
    public async Task The_readme_token_curl_and_graphql_ws_examples_work_as_written()
    {
        var token = MintToken();
        _chatApi = await ServiceProcess.StartAsync(ImageContent.Of("ChatApi"), new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["HOME"] = _home,
            ["ConnectionStrings__chatdb"] = $"Data Source={Path.Combine(_home, "chatt.db")}",
        });
        var origin = _chatApi.BaseAddress.GetLeftPart(UriPartial.Authority);

        var curl = Bash(Block("curl").Replace("http://localhost:5100", origin, StringComparison.Ordinal), token);
        Assert.True(curl.ExitCode == 0, curl.Describe());
        Assert.Equal("alice", JsonDocument.Parse(curl.StandardOutput).RootElement.GetProperty("data").GetProperty("me").GetProperty("username").GetString());

        await SubscriptionReceivesANewMessageAsync(token, origin);
    }

    /// <summary>The token block on a fresh clone's state: exits 0 and leaves a JWT in $TOKEN.</summary>
    private string MintToken()
    {
        var minted = Bash(Block("token") + "\nprintf '%s' \"$TOKEN\"", token: null, timeoutMinutes: 3);
        Assert.True(minted.ExitCode == 0, minted.Describe());
        var token = minted.StandardOutput.Trim();
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token);
        return token;
    }

    private async Task SubscriptionReceivesANewMessageAsync(string token, string origin)
    {
        var clients = Path.Combine(DeployTools.RepoRoot, "tests", "ChatApi.Tests", "node", "node_modules");
        if (!Directory.Exists(Path.Combine(clients, "graphql-ws")) || DeployTools.NodePath is null)
        {
            Assert.Skip("graphql-ws and ws are not installed for node: run .ci/install (npm ci in tests/ChatApi.Tests/node)");
        }

        var folder = Path.Combine(_home, "subscribe");
        Directory.CreateDirectory(folder);
        Directory.CreateSymbolicLink(Path.Combine(folder, "node_modules"), clients);
        var script = Block("graphql-ws").Replace("ws://localhost:5100", origin.Replace("http://", "ws://", StringComparison.Ordinal), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "subscribe.mjs"), script);

        var start = new ProcessStartInfo(DeployTools.NodePath, "subscribe.mjs") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TOKEN"] = token;
        using var node = Process.Start(start)!;
        var output = new StringBuilder();
        node.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        node.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = _chatApi!.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var convo = await GraphQLAsync(http, "mutation { createConvo(input: { name: \"readme\", members: [] }) { id } }");
            var conversationId = convo.GetProperty("createConvo").GetProperty("id").GetString()!;

            // graphql-transport-ws does not acknowledge a subscription: post until one arrives (bounded), never sleep-and-hope.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                await GraphQLAsync(http, "mutation($c: ID!, $t: String!) { createMessage(input: { messageConversationId: $c, content: $t }) { id } }",
                    new { c = conversationId, t = $"hello from the readme {i}" });
                await Task.Delay(250);
                lock (output)
                {
                    if (output.ToString().Contains("hello from the readme", StringComparison.Ordinal))
                    {
                        Assert.Contains(conversationId, output.ToString(), StringComparison.Ordinal);
                        return;
                    }
                }
                Assert.False(node.HasExited, $"subscribe.mjs exited: {output}");
            }

            Assert.Fail($"the README's subscription printed no message within 20 s:\n{output}");
        }
        finally
        {
            node.Kill(entireProcessTree: true);
        }
    }

    private static async Task<JsonElement> GraphQLAsync(HttpClient http, string query, object? variables = null)
    {
        using var response = await http.PostAsync("/graphql", new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("errors", out _), body);
        return root.GetProperty("data").Clone();
    }

    private ProcessResult Bash(string script, string? token, int timeoutMinutes = 1)
    {
        var environment = new Dictionary<string, string> { ["HOME"] = _home };
        if (token is not null)
        {
            environment["TOKEN"] = token;
        }

        return DeployTools.Run("bash", ["-euo", "pipefail", "-c", script], timeout: TimeSpan.FromMinutes(timeoutMinutes), environment: environment);
    }

    /// <summary>The fenced block right after <c>&lt;!-- readme-test: name --&gt;</c> in README.md.</summary>
    private static string Block(string name)
    {
        var match = Regex.Match(Readme, $"<!-- readme-test: {Regex.Escape(name)} -->\\s*```[a-z]*\\n(?<code>.*?)\\n```", RegexOptions.Singleline);
        Assert.True(match.Success, $"README.md has no block marked readme-test: {name}");
        return match.Groups["code"].Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_chatApi is not null)
        {
            await _chatApi.DisposeAsync();
        }

        Directory.Delete(_home, recursive: true);
    }
}
