using System.Threading.Channels;
using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>
/// A listener that queues what it receives, so tests can await events with a deadline. The bus's own
/// <see cref="BusResumed"/> signals are counted apart, so they never pass for published events.
/// </summary>
public sealed class Inbox
{
    private readonly Channel<ChatEvent> _received = Channel.CreateUnbounded<ChatEvent>();
    private int _resumed;

    public Inbox() => Listener = e =>
    {
        if (e is BusResumed)
        {
            Interlocked.Increment(ref _resumed);
        }
        else
        {
            _received.Writer.TryWrite(e);
        }
    };

    public Action<ChatEvent> Listener { get; }

    /// <summary>How many times the bus told this listener that its connection came back.</summary>
    public int Resumed => Volatile.Read(ref _resumed);

    public async Task<ChatEvent> NextAsync(TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No event arrived within {within ?? TimeSpan.FromSeconds(10)}.");
        }
    }

    public async Task<ChatEvent?> NextOrNullAsync(TimeSpan within)
    {
        try
        {
            return await NextAsync(within);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public void AssertEmpty()
    {
        if (_received.Reader.TryRead(out var unexpected))
        {
            Assert.Fail($"Unexpected event: {unexpected}");
        }
    }
}
