using Chatt.ChatApi.GraphQL;
using GraphQL;

namespace Chatt.ChatApi.Live;

/// <summary>
/// The one way a live subscription field builds its source stream. Executed for a subscriber, it resolves the
/// caller, lets <c>authorize</c> check them and describe what to listen to, and hands that to the hub through the
/// operation's <see cref="LiveSlot"/> with the share key (see <see cref="ShareKeys"/>); the GraphQL stream it returns
/// never emits, since the hub delivers. Executed by a render, it streams the one event being rendered.
/// </summary>
public static class LiveStreams
{
    public static async Task<IObservable<object?>> StreamAsync(IResolveFieldContext context, Func<string, Task<ILiveSource>> authorize)
    {
        var slot = context.RequestServices!.GetRequiredService<LiveSlot>();
        if (slot.Event is { } root)
        {
            return new Single(root);
        }

        var callerId = await context.GetCallerIdAsync();
        var source = await authorize(callerId);
        slot.CallerId = callerId;
        slot.Source = source;
        slot.ShareKey = ShareKeys.For(context, source.HasCallerState);
        return Single.Never;
    }

    private sealed class Single(object? value) : IObservable<object?>, IDisposable
    {
        public static Single Never { get; } = new(null);

        public IDisposable Subscribe(IObserver<object?> observer)
        {
            // Not completed: the renderer takes the one result and unsubscribes.
            if (value is not null)
            {
                observer.OnNext(value);
            }

            return this;
        }

        public void Dispose()
        {
        }
    }
}
