using System.Threading.Channels;
using Chatt.ChatApi.Events;

namespace Chatt.ChatApi.Tests.Events;

/// <summary>A listener that queues what it receives, so tests can await events with a deadline.</summary>
public sealed class Inbox
{
    private readonly Channel<ChatEvent> _received = Channel.CreateUnbounded<ChatEvent>();

    public Inbox() => Listener = e => _received.Writer.TryWrite(e);

    public Action<ChatEvent> Listener { get; }

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
