using System.Text.Json;
using Chatt.Bench.Measure;
using Chatt.Tests.Support;

namespace Chatt.Bench.Load;

/// <summary>
/// One receiving client: a graphql-transport-ws socket (TestSupport's client, bound to a spread source address)
/// with its subscriptions, feeding every message event into <see cref="Deliveries"/>.
/// </summary>
internal sealed class FeedSocket : IAsyncDisposable
{
    private static readonly TimeSpan LongWait = TimeSpan.FromHours(1);

    private readonly GraphQLSocket socket;
    private readonly Deliveries.Feed feed;
    private readonly Deliveries deliveries;

    private FeedSocket(GraphQLSocket socket, Deliveries deliveries)
    {
        this.socket = socket;
        this.deliveries = deliveries;
        feed = new Deliveries.Feed(deliveries);
    }

    /// <summary>
    /// Connects, authenticates and subscribes; returns once the server has acknowledged the connection and every
    /// subscription is sent (a subscription is live once the first event arrives: see <see cref="FirstEvent"/>).
    /// </summary>
    public static async Task<FeedSocket> ConnectAsync(Uri uri, HttpMessageInvoker invoker, string token, SubscriptionKind kind,
        IReadOnlyList<string> conversationIds, Deliveries deliveries)
    {
        var socket = await GraphQLSocket.ConnectAsync(uri, new GraphQLSocketOptions { Invoker = invoker });
        try
        {
            await socket.InitAsync(token);
            var client = new FeedSocket(socket, deliveries);
            if (kind == SubscriptionKind.OnInbox)
            {
                client.Pump(await socket.SubscribeAsync(Subscriptions.Inbox), kind);
            }
            else
            {
                foreach (var conversationId in conversationIds)
                {
                    var query = kind == SubscriptionKind.OnCreateMessage ? Subscriptions.CreateMessage : Subscriptions.ConversationEvent;
                    client.Pump(await socket.SubscribeAsync(query, new { c = conversationId }), kind);
                }
            }

            return client;
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    private readonly TaskCompletionSource firstEvent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the first event of any of this socket's subscriptions (warm-up: the path is live).</summary>
    public Task FirstEvent => firstEvent.Task;

    private void Pump(string id, SubscriptionKind kind) => _ = Task.Run(async () =>
    {
        try
        {
            while (true)
            {
                var frame = await socket.NextFrameAsync(id, LongWait);
                var arrived = Clock.NowMs();
                var type = frame.GetProperty("type").GetString();
                if (type != "next")
                {
                    if (type != "closed" || !disposing)
                    {
                        deliveries.Fail(frame.ToString());
                    }

                    return;
                }

                var payload = frame.GetProperty("payload");
                if (payload.TryGetProperty("errors", out var errors))
                {
                    deliveries.Fail(errors.ToString());
                    continue;
                }

                Record(payload.GetProperty("data"), kind, arrived);
                firstEvent.TrySetResult();
            }
        }
        catch (Exception e) when (!disposing)
        {
            deliveries.Fail(e.Message);
        }
        catch (Exception) when (disposing)
        {
        }
    });

    private void Record(JsonElement data, SubscriptionKind kind, double arrived)
    {
        switch (kind)
        {
            case SubscriptionKind.OnInbox:
                var inbox = data.GetProperty("onInbox");
                if (inbox.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    RecordMessage(message, arrived);
                }

                break;
            case SubscriptionKind.OnCreateMessage:
                RecordMessage(data.GetProperty("onCreateMessage"), arrived);
                break;
            default:
                var change = data.GetProperty("onConversationEvent");
                var conversationId = change.GetProperty("conversationId").GetString()!;
                feed.Rev(conversationId, change.GetProperty("rev").GetInt64(),
                    change.GetProperty("prevRev").ValueKind == JsonValueKind.Number ? change.GetProperty("prevRev").GetInt64() : 0);
                if (change.TryGetProperty("message", out var created) && created.ValueKind == JsonValueKind.Object
                    && change.GetProperty("kind").GetString() == "MESSAGE_CREATED")
                {
                    RecordMessage(created, arrived);
                }

                break;
        }
    }

    private void RecordMessage(JsonElement message, double arrived) =>
        feed.Message(message.GetProperty("messageConversationId").GetString()!, message.GetProperty("seq").GetInt64(),
            message.GetProperty("content").GetString(), arrived);

    private volatile bool disposing;

    public bool IsOpen => socket.State == System.Net.WebSockets.WebSocketState.Open;

    public async ValueTask DisposeAsync()
    {
        disposing = true;
        await socket.DisposeAsync();
    }
}
