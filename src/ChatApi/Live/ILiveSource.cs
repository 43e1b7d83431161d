namespace Chatt.ChatApi.Live;

/// <summary>
/// What one live subscription listens to, made by its field's resolver after authorizing the caller. The hub
/// starts it with the subscriber; it hands events to the subscriber until the returned handle is disposed.
/// </summary>
public interface ILiveSource
{
    /// <summary>Whether per-caller state (read marks, roles) is kept for what it delivers; without it, a selection
    /// with per-caller fields runs on the subscriber's own execution.</summary>
    bool HasCallerState { get; }

    /// <summary>The GraphQL root value for an event it delivers (the same for every subscriber of one selection).</summary>
    object? Root(object liveEvent);

    Task<IDisposable> StartAsync(LiveSubscriber subscriber, CancellationToken cancellationToken);
}
