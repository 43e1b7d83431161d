using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Today's <see cref="ISubscriptionHub"/>: the subscriber's own execution authorizes it (membership is checked by the
/// resolver); a selection <see cref="SubscriptionFanOut"/> may share then takes its events from the shared execution,
/// anything else streams from its own. To be replaced by the live delivery's hub (src/ChatApi/Live).
/// </summary>
public sealed class ExecutorSubscriptionHub(GraphQLRunner runner, SubscriptionFanOut fanOut, FrameSerializer serializer, ExecutionErrorMapper errors) : ISubscriptionHub
{
    public async Task<SubscriptionStart> SubscribeAsync(SubscriptionRequest request, ISubscriptionSink sink)
    {
        var result = await runner.ExecuteAsync(request.Operation, request.User, request.Services, request.Transport, request.Cancellation);
        if (!result.Executed || result.Streams is not { Count: > 0 } streams)
        {
            return SubscriptionStart.Refused(result.Errors ?? []);
        }

        if (SubscriptionFanOut.ShareKey(request.Operation) is { } shareKey)
        {
            // Authorized above; release this execution's own source and take results from the shared one.
            foreach (var stream in streams.Values)
            {
                stream.Subscribe(IgnoringObserver.Instance).Dispose();
            }

            return SubscriptionStart.Started(await fanOut.JoinAsync(shareKey, request.Operation, request.User, new FanOutMember(sink, errors)));
        }

        var subscriptions = new List<IDisposable>(streams.Count);
        foreach (var stream in streams.Values)
        {
            subscriptions.Add(stream.Subscribe(new SinkObserver(sink, serializer.Options, errors)));
        }

        return SubscriptionStart.Started(new Subscriptions(subscriptions));
    }

    private sealed class Subscriptions(List<IDisposable> subscriptions) : IDisposable
    {
        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    /// <summary>A subscriber of a shared execution.</summary>
    private sealed class FanOutMember(ISubscriptionSink sink, ExecutionErrorMapper errors) : IFanOutMember
    {
        public void Next(byte[] payload) => sink.Next(payload);

        public void End(Exception? error)
        {
            if (error is null)
            {
                sink.Complete();
            }
            else
            {
                sink.Error([errors.Map(error)]);
            }
        }
    }

    /// <summary>A subscriber of its own execution: each result is serialized here, once, into a pooled buffer.</summary>
    private sealed class SinkObserver(ISubscriptionSink sink, JsonSerializerOptions json, ExecutionErrorMapper errors) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            using var buffer = new PooledBufferWriter();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(writer, value, json);
            }

            sink.Next(buffer.WrittenSpan);
        }

        public void OnError(Exception error) => sink.Error([errors.Map(error)]);

        public void OnCompleted() => sink.Complete();
    }

    private sealed class IgnoringObserver : IObserver<ExecutionResult>
    {
        public static IgnoringObserver Instance { get; } = new();

        public void OnNext(ExecutionResult value)
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
