using System.Collections.Concurrent;
using System.Text.Json;

namespace Chatt.Faults.Tests.Harness;

/// <summary>
/// One person posting steadily, as a client with an outbox does: every message has its own client id, and a post that
/// fails (endpoint gone, connection reset, an error answer) is sent again with the same id — to the next endpoint —
/// until it is acknowledged. The server answers a retry of a post that went through with the original, so a
/// message is stored once however often it was sent.
/// </summary>
internal sealed class Poster(string name, string conversationId, IReadOnlyList<ChatEndpoint> endpoints, TimeSpan interval, int contentLength = 16)
{
    public const string CreateMessage = "mutation($c: ID!, $id: ID!, $text: String!) { createMessage(input: { id: $id, messageConversationId: $c, content: $text }) { id seq } }";

    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private int _next;
    private int _index;

    /// <summary>Message id → the seq the server acknowledged it with.</summary>
    public ConcurrentDictionary<string, long> Acknowledged { get; } = new(StringComparer.Ordinal);

    public int Sent => _next;

    /// <summary>Sends that failed and were repeated.</summary>
    public int Retries { get; private set; }

    /// <summary>Ids acknowledged twice with different seqs (a retry that stored a second copy); must stay empty.</summary>
    public List<string> Conflicts { get; } = [];

    /// <summary>Posts until <paramref name="stop"/>; a post in progress when it fires still runs until acknowledged.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = $"{name}-{_run}-{_next++:D5}";
            await PostUntilAcknowledgedAsync(id);
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PostUntilAcknowledgedAsync(string id)
    {
        var text = $"{id} {new string('x', Math.Max(0, contentLength - id.Length - 1))}";
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            var endpoint = endpoints[_index];
            try
            {
                var response = await endpoint.PostAsync(CreateMessage, new { c = conversationId, id, text }, CancellationToken.None);
                if (response.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.GetProperty("createMessage") is { ValueKind: JsonValueKind.Object } created)
                {
                    var seq = created.GetProperty("seq").GetInt64();
                    if (Acknowledged.TryGetValue(id, out var earlier) && earlier != seq)
                    {
                        Conflicts.Add($"{id}: seq {earlier} then {seq}");
                    }

                    Acknowledged[id] = seq;
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{name}: {id} was refused for {RetryFor}: {response}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && DateTime.UtcNow < deadline)
            {
                // The endpoint is gone or went away mid-request: try the next one.
                _index = (_index + 1) % endpoints.Count;
            }

            Retries++;
            await Task.Delay(100);
        }
    }
}
