using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Chatt.ChatApi.Common;

/// <summary>
/// ChatApi's own traces and metrics (meter and source "Chatt.ChatApi", exported by ServiceDefaults' OpenTelemetry
/// setup): operations executed, open sockets and subscriptions, events published and delivered, and how long a
/// message took from commit to being handed to a subscriber's socket queue.
/// </summary>
public sealed class ChatTelemetry : IDisposable
{
    public const string Name = "Chatt.ChatApi";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;

    public ChatTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        Operations = _meter.CreateCounter<long>("chatt.graphql.operations", description: "GraphQL operations executed, by type and transport.");
        ActiveSockets = _meter.CreateUpDownCounter<long>("chatt.websocket.active", description: "Open GraphQL WebSockets.");
        ActiveSubscriptions = _meter.CreateUpDownCounter<long>("chatt.subscriptions.active", description: "Running subscriptions.");
        EventsPublished = _meter.CreateCounter<long>("chatt.events.published", description: "Events published after a commit, by kind.");
        EventsDelivered = _meter.CreateCounter<long>("chatt.events.delivered", description: "Messages handed to local subscribers.");
        DeliveryLatency = _meter.CreateHistogram<double>("chatt.events.delivery_latency", unit: "ms", description: "Commit to hand-off to a subscriber.");
    }

    public Counter<long> Operations { get; }
    public UpDownCounter<long> ActiveSockets { get; }
    public UpDownCounter<long> ActiveSubscriptions { get; }
    public Counter<long> EventsPublished { get; }
    public Counter<long> EventsDelivered { get; }
    public Histogram<double> DeliveryLatency { get; }

    public void Dispose() => _meter.Dispose();
}
