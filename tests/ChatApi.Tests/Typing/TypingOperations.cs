using System.Text.Json;
using Chatt.ChatApi.Tests.Events;
using Chatt.ChatApi.Tests.Schema;

namespace Chatt.ChatApi.Tests.Typing;

/// <summary>The typing operations as a client sends them, and the probe that waits until a watcher is live.</summary>
internal static class TypingOperations
{
    public const string Fields = "conversationId user { id username } typing expiresAt";

    public const string SetTyping = $$"""mutation($c: ID!, $typing: Boolean!) { setTyping(conversationId: $c, typing: $typing) { {{Fields}} } }""";

    public const string OnTyping = $$"""subscription($c: ID!) { onTyping(conversationId: $c) { {{Fields}} } }""";

    public static async Task<JsonElement> SetAsync(ChatUser user, string conversationId, bool typing) =>
        (await user.DataAsync(SetTyping, new { c = conversationId, typing })).GetProperty("setTyping");

    /// <summary>
    /// graphql-transport-ws has no "subscribed" acknowledgement: <paramref name="typist"/> says "not typing" (never
    /// throttled) until <paramref name="watcher"/> hears it, so from then on the subscription is live end to end.
    /// </summary>
    public static async Task ProbeUntilLiveAsync(ChatUser typist, string conversationId, GraphQLSocket watcher, string subscription)
    {
        await Eventually.HoldsAsync(async () =>
        {
            await SetAsync(typist, conversationId, typing: false);
            try
            {
                var heard = (await watcher.NextAsync(subscription, TimeSpan.FromMilliseconds(500))).GetProperty("onTyping");
                return !heard.GetProperty("typing").GetBoolean();
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, "the watcher hears a typing event", TimeSpan.FromSeconds(20));

        // Probes sent while the first one was in flight may still arrive.
        await DrainAsync(watcher, subscription);
    }

    /// <summary>Reads and drops whatever the operation still has queued, until it is quiet for a moment.</summary>
    public static async Task DrainAsync(GraphQLSocket socket, string subscription)
    {
        while (await socket.TryNextFrameAsync(subscription, TimeSpan.FromMilliseconds(300)) is not null)
        {
        }
    }

    public static async Task<JsonElement> NextTypingAsync(GraphQLSocket socket, string subscription, TimeSpan? timeout = null) =>
        (await socket.NextAsync(subscription, timeout ?? TimeSpan.FromSeconds(10))).GetProperty("onTyping");

    /// <summary>The code of a refused subscribe: the <c>error</c> frame's first error.</summary>
    public static async Task<string?> ErrorFrameCodeAsync(GraphQLSocket socket, string subscription)
    {
        var frame = await socket.NextFrameAsync(subscription, TimeSpan.FromSeconds(10));
        Assert.True(frame.GetProperty("type").GetString() == "error", $"Expected an error frame, got {frame}");
        return frame.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString();
    }

    /// <summary>
    /// The code a running subscription ends with: a last result carrying only errors, then <c>complete</c> — how
    /// graphql-transport-ws ends a stream that failed after it started.
    /// </summary>
    public static async Task<string?> EndingCodeAsync(GraphQLSocket socket, string subscription)
    {
        var frame = await socket.NextFrameAsync(subscription, TimeSpan.FromSeconds(10));
        Assert.True(frame.GetProperty("type").GetString() == "next" && frame.GetProperty("payload").TryGetProperty("errors", out _),
            $"Expected a result with errors, got {frame}");
        var complete = await socket.NextFrameAsync(subscription, TimeSpan.FromSeconds(10));
        Assert.True(complete.GetProperty("type").GetString() == "complete", $"Expected complete, got {complete}");
        return frame.GetProperty("payload").GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
    }
}
