using System.Diagnostics;
using Chatt.ChatApi.Common;
using NATS.Client.Core;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;

namespace Chatt.ChatApi.Events.Nats;

/// <summary>
/// One trace from the poster to every instance: a Producer activity around each publish, its context written
/// into the NATS headers by the configured OpenTelemetry propagator (W3C <c>traceparent</c>/<c>tracestate</c> and
/// <c>baggage</c> by default), and a Consumer activity, child of that context, around each delivery on a
/// receiving instance. Span names use the subject's kind, not the subject (ids would make one span name per
/// conversation); the full subject is the <c>messaging.destination.name</c> tag.
/// </summary>
internal static class BusTracing
{
    /// <summary>Starts the publish activity and writes the trace context to <paramref name="carrier"/>.</summary>
    public static Activity? StartPublish(Topic topic, IDictionary<string, string> carrier)
    {
        var activity = ChatTelemetry.ActivitySource.StartActivity(SpanName(topic, "publish"), ActivityKind.Producer);
        // Without a listener for our source there is no activity, but the caller's (the HTTP request's) context
        // still goes across, so the receiving side joins the request's trace.
        var context = activity?.Context ?? Activity.Current?.Context ?? default;
        if (context != default)
        {
            Propagators.DefaultTextMapPropagator.Inject(new PropagationContext(context, Baggage.Current), carrier,
                static (c, key, value) => c[key] = value);
        }
        Tag(activity, topic, "publish");
        return activity;
    }

    /// <summary>Starts the receive activity as a child of the context in <paramref name="headers"/>.</summary>
    public static Activity? StartReceive(Topic topic, NatsHeaders? headers)
    {
        var parent = headers is null
            ? default
            : Propagators.DefaultTextMapPropagator.Extract(default, headers,
                static (h, key) => h.TryGetValue(key, out var values) ? values.Where(v => v is not null).Select(v => v!) : []);
        Baggage.Current = parent.Baggage;
        var activity = ChatTelemetry.ActivitySource.StartActivity(SpanName(topic, "receive"), ActivityKind.Consumer, parent.ActivityContext);
        Tag(activity, topic, "receive");
        return activity;
    }

    private static string SpanName(Topic topic, string operation) => topic.Kind switch
    {
        TopicKind.Conversation => "chatt.conv " + operation,
        TopicKind.User => "chatt.user " + operation,
        TopicKind.Typing => "chatt.typing " + operation,
        _ => "chatt.users " + operation,
    };

    private static void Tag(Activity? activity, Topic topic, string operation)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", operation);
            activity.SetTag("messaging.destination.name", topic.Subject);
        }
    }
}
