using GraphQL.Types;

namespace Chatt.ChatApi.GraphQL;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        // Placeholder until the feature folders contribute their fields: five ticks, 100 ms apart.
        Field<IntGraphType>("ticks").ResolveStream(_ => new Ticks());
    }

    private sealed class Ticks : IObservable<object?>
    {
        public IDisposable Subscribe(IObserver<object?> observer)
        {
            var count = 0;
            Timer? timer = null;
            timer = new Timer(_ =>
            {
                observer.OnNext(count++);
                if (count == 5)
                {
                    observer.OnCompleted();
                    timer!.Dispose();
                }
            }, null, 100, 100);
            return timer;
        }
    }
}
