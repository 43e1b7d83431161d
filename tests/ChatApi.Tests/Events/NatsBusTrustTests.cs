using System.Buffers;
using System.Diagnostics;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.Nats;
using NATS.Client.Core;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>The bus as a trust boundary (credentials, signatures) and as one trace across instances.</summary>
public sealed class NatsBusTrustTests(NatsServerFixture nats) : IClassFixture<NatsServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_without_the_NATS_credentials_cannot_connect_to_the_bus()
    {
        await using var intruder = new NatsConnection(NatsOpts.Default with { Url = nats.Server.AnonymousUrl, ConnectTimeout = TimeSpan.FromSeconds(2) });

        var refused = await Assert.ThrowsAnyAsync<NatsException>(async () => await intruder.ConnectAsync());

        Assert.Contains("Authorization Violation", refused.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Events_forged_by_a_client_with_the_NATS_credentials_never_reach_a_listener_and_the_real_event_still_does()
    {
        var server = nats.Server;
        var bName = "forged-b-" + Samples.NewId();
        await using var a = NatsBuses.Create(server.Url, "forged-a-" + Samples.NewId());
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var elsewhere = Topic.Conversation(Samples.NewId());
        var onB = new Inbox();
        using var listening = b.Listen(topic, onB.Listener);
        await Eventually.HoldsAsync(async () => (await server.SubscriptionsOfAsync(bName, Ct)).Contains(topic.Subject), "B subscribes");
        await using var intruder = new NatsConnection(NatsOpts.Default with { Url = server.Url });
        await intruder.ConnectAsync();
        var forged = Encode(Samples.Message(topic.Id, 1, "forged"));

        // Unsigned; signed with another deployment's key; and a real instance's signed event from another
        // conversation replayed onto this one.
        await intruder.PublishAsync(topic.Subject, forged, cancellationToken: Ct);
        var otherKey = new EventSigner("some-other-deployment-key-0123456789");
        await intruder.PublishAsync(topic.Subject, forged, Signed(otherKey.Sign(topic.Subject, forged)), cancellationToken: Ct);
        var ours = new EventSigner(NatsBuses.SigningKey);
        await intruder.PublishAsync(topic.Subject, forged, Signed(ours.Sign(elsewhere.Subject, forged)), cancellationToken: Ct);
        await Eventually.HoldsAsync(() => b.ForgedEvents == 3, "B counts the three forged events");

        var real = Samples.Message(topic.Id, 1, "real");
        await a.PublishAsync(topic, real, Ct);

        Assert.Equal(real, await onB.NextAsync());
        onB.AssertEmpty();
    }

    [Fact]
    public async Task One_trace_follows_an_event_from_the_publisher_to_the_receiving_instance()
    {
        var server = nats.Server;
        Sdk.SetDefaultTextMapPropagator(new CompositeTextMapPropagator([new TraceContextPropagator(), new BaggagePropagator()]));
        using var poster = new ActivitySource("Chatt.Tests.Poster");
        var finished = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ChatTelemetry.Name or "Chatt.Tests.Poster",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (finished) { finished.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var bName = "trace-b-" + Samples.NewId();
        await using var a = NatsBuses.Create(server.Url, "trace-a-" + Samples.NewId());
        await using var b = NatsBuses.Create(server.Url, bName);
        var topic = Topic.Conversation(Samples.NewId());
        var seenOnB = new TaskCompletionSource<(ActivityTraceId Trace, ActivitySpanId Parent, ActivityKind Kind, string Name)>();
        using var listening = b.Listen(topic, e =>
        {
            if (e is MessageCreated && Activity.Current is { } current)
            {
                seenOnB.TrySetResult((current.TraceId, current.ParentSpanId, current.Kind, current.OperationName));
            }
        });
        await Eventually.HoldsAsync(async () => (await server.SubscriptionsOfAsync(bName, Ct)).Contains(topic.Subject), "B subscribes");

        ActivityTraceId postTrace;
        using (var post = poster.StartActivity("createMessage"))
        {
            postTrace = post!.TraceId;
            await a.PublishAsync(topic, Samples.Message(topic.Id, 1), Ct);
        }
        var onB = await seenOnB.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(postTrace, onB.Trace);
        Assert.Equal(ActivityKind.Consumer, onB.Kind);
        Assert.Equal("chatt.conv receive", onB.Name);
        Activity publish;
        lock (finished)
        {
            publish = Assert.Single(finished, x => x.TraceId == postTrace && x.Kind == ActivityKind.Producer);
        }
        Assert.Equal(publish.SpanId, onB.Parent);
        Assert.Equal(topic.Subject, publish.GetTagItem("messaging.destination.name"));
    }

    private static byte[] Encode(ChatEvent chatEvent)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ChatEventCodec.Instance.Serialize(buffer, chatEvent);
        return buffer.WrittenSpan.ToArray();
    }

    private static NatsHeaders Signed(string signature) => new() { [EventSigner.HeaderName] = signature };
}
