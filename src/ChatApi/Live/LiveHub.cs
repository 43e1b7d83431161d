using System.Text.Json;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.GraphQL.WebSockets;
using GraphQL;

namespace Chatt.ChatApi.Live;

/// <summary>
/// The <see cref="ISubscriptionHub"/>: every subscription starts here. The subscriber's own execution authorizes it
/// (the field's resolver checks membership and describes its source, see <see cref="LiveStreams"/>); a live field
/// then joins the render group of its share key (or one of its own when the schema's marks forbid sharing) and its
/// source starts feeding it. A subscription field that is not live (built by another feature) streams from its own
/// execution, each result serialized once into a pooled buffer.
/// </summary>
public sealed class LiveHub(GraphQLRunner runner, RenderGroups groups, LiveFeeds feeds, FrameSerializer serializer, ExecutionErrorMapper errors) : ISubscriptionHub
{
    public async Task<SubscriptionStart> SubscribeAsync(SubscriptionRequest request, ISubscriptionSink sink)
    {
        var result = await runner.ExecuteAsync(request.Operation, request.User, request.Services, request.Transport, request.Cancellation);
        if (!result.Executed || result.Streams is not { Count: > 0 } streams)
        {
            return SubscriptionStart.Refused(result.Errors ?? []);
        }

        var slot = request.Services.GetRequiredService<LiveSlot>();
        if (slot.Source is not { } source)
        {
            return SubscriptionStart.Started(OwnExecution(streams.Values, sink));
        }

        var group = groups.Join(slot.ShareKey, request.Operation, source);
        var subscriber = new LiveSubscriber(slot.CallerId!, request.User, sink, group, feeds);
        try
        {
            var running = await source.StartAsync(subscriber, request.Cancellation);
            return SubscriptionStart.Started(new Running(subscriber, running));
        }
        catch (ChatException exception)
        {
            subscriber.Stop();
            group.Leave();
            return SubscriptionStart.Refused([errors.Map(exception)]);
        }
        catch
        {
            subscriber.Stop();
            group.Leave();
            throw;
        }
    }

    private Disposables OwnExecution(IEnumerable<IObservable<ExecutionResult>> streams, ISubscriptionSink sink)
    {
        var subscriptions = new List<IDisposable>();
        foreach (var stream in streams)
        {
            subscriptions.Add(stream.Subscribe(new SinkObserver(sink, serializer.Options, errors)));
        }

        return new Disposables(subscriptions);
    }

    private sealed class Running(LiveSubscriber subscriber, IDisposable source) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                subscriber.Stop();
                source.Dispose();
                subscriber.Group.Leave();
            }
        }
    }

    private sealed class Disposables(List<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }

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
}
