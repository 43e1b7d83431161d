using System.Text.Json;
using System.Threading.Channels;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;

namespace Chatt.ChatApi.Live;

/// <summary>
/// The subscribers of one selection (same document, operation and coerced variables, and shareable by the schema),
/// or a single subscriber whose selection is not shareable. One queue, one reader: each event is resolved and
/// serialized once (the previous event's result is reused while consecutive queue items carry the same event), and
/// every recipient gets those bytes with its own per-caller values spliced in. In order per subscriber, because
/// each subscriber has exactly one group and the queue is FIFO.
/// </summary>
public sealed partial class RenderGroup
{
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _closed;
    private readonly RenderGroups _owner;
    private readonly PreparedOperation _operation;
    private readonly ILiveSource _source;
    private readonly LiveRenderer _renderer;
    private int _members;

    internal RenderGroup(RenderGroups owner, string? key, PreparedOperation operation, ILiveSource source, LiveRenderer renderer)
    {
        _owner = owner;
        Key = key;
        _operation = operation;
        _source = source;
        _renderer = renderer;
        _ = RunAsync();
    }

    /// <summary>The share key; null for a subscriber rendered on its own (its per-caller fields resolve normally).</summary>
    public string? Key { get; }

    public bool Shared => Key is not null;

    public int MemberCount => Volatile.Read(ref _members);

    /// <summary>Under the owner's lock: false when the group already closed (its last member left).</summary>
    internal bool TryAddMember()
    {
        if (_closed)
        {
            return false;
        }

        _members++;
        return true;
    }

    /// <summary>Under the owner's lock: true when this was the last member.</summary>
    internal bool RemoveMember()
    {
        if (--_members > 0)
        {
            return false;
        }

        _queue.Writer.TryComplete();
        _closed = true;
        return true;
    }

    public void Leave() => _owner.Leave(this);

    internal void Enqueue(object liveEvent, LiveSubscriber recipient, LiveSubscriber renderAs, SeqBound? asOf = null) =>
        _queue.Writer.TryWrite(new Work(liveEvent, recipient, renderAs, null, false, asOf));

    internal void EnqueueEnd(LiveSubscriber recipient, Exception? error) =>
        _queue.Writer.TryWrite(new Work(null, recipient, recipient, error, true, null));

    private async Task RunAsync()
    {
        object? lastEvent = null;
        ResultTemplate? lastTemplate = null;
        await foreach (var work in _queue.Reader.ReadAllAsync())
        {
            if (work.End)
            {
                work.Recipient.Finish(work.Error, _renderer.Errors);
                continue;
            }

            if (!work.Recipient.Active)
            {
                continue;
            }

            try
            {
                if (!ReferenceEquals(work.Event, lastEvent) || lastTemplate is null)
                {
                    lastEvent = null;
                    lastTemplate = _source.Root(work.Event!) is { } root
                        ? await _renderer.RenderAsync(_operation, root, RenderIdentity(work), Shared, CancellationToken.None)
                        : null;
                    lastEvent = work.Event;
                }

                work.Recipient.WritingAsOf = work.AsOf;
                try
                {
                    lastTemplate?.WriteFor(work.Recipient, work.Recipient.Send);
                }
                finally
                {
                    work.Recipient.WritingAsOf = null;
                }
            }
            catch (Exception exception)
            {
                Log.RenderFailed(_renderer.Logger, exception, work.Event?.GetType().Name ?? "?");
                lastEvent = null;
                lastTemplate = null;
            }
        }
    }

    /// <summary>
    /// Whom the operation runs as. A group of one (its selection reaches fields with no sharing mark) always runs as
    /// its subscriber; a shared render runs as the recipient the feed chose, one who stays a member, since every field
    /// it resolves is the same for all of them.
    /// </summary>
    private System.Security.Claims.ClaimsPrincipal RenderIdentity(Work work) =>
        Shared && work.RenderAs.Active ? work.RenderAs.User : work.Recipient.User;

    private readonly record struct Work(object? Event, LiveSubscriber Recipient, LiveSubscriber RenderAs, Exception? Error, bool End, SeqBound? AsOf);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4010, EventName = "LiveRenderFailed", Level = LogLevel.Error,
            Message = "Rendering a live {EventType} failed; its recipients miss this event")]
        public static partial void RenderFailed(ILogger logger, Exception exception, string eventType);
    }
}
