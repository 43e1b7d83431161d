using Chatt.ChatApi.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatt.ChatApi.Tests.Events;

public sealed class LocalListenersTests
{
    [Fact]
    public void The_owner_hears_when_a_topic_gets_its_first_listener_and_loses_its_last()
    {
        var changes = new List<string>();
        var listeners = new LocalListeners(NullLogger.Instance, t => changes.Add("first " + t), t => changes.Add("last " + t));
        var topic = Topic.Conversation("c1");

        var one = listeners.Add(topic, _ => { });
        var two = listeners.Add(topic, _ => { });
        one.Dispose();
        Assert.True(listeners.HasListeners(topic));
        two.Dispose();
        two.Dispose();
        Assert.False(listeners.HasListeners(topic));
        using var three = listeners.Add(topic, _ => { });

        Assert.Equal(["first chatt.conv.c1", "last chatt.conv.c1", "first chatt.conv.c1"], changes);
    }

    [Fact]
    public void The_same_delegate_registered_twice_is_called_twice_and_each_handle_removes_one()
    {
        var listeners = new LocalListeners(NullLogger.Instance);
        var topic = Topic.Users;
        var calls = 0;
        Action<ChatEvent> listener = _ => calls++;
        var one = listeners.Add(topic, listener);
        using var two = listeners.Add(topic, listener);

        listeners.Deliver(topic, Samples.User("u"));
        one.Dispose();
        listeners.Deliver(topic, Samples.User("u"));

        Assert.Equal(3, calls);
    }

    [Fact]
    public void A_listener_that_unsubscribes_during_delivery_does_not_disturb_the_delivery_in_progress()
    {
        var listeners = new LocalListeners(NullLogger.Instance);
        var topic = Topic.Conversation("c");
        var secondCalled = false;
        IDisposable? first = null;
        first = listeners.Add(topic, _ => first!.Dispose());
        using var second = listeners.Add(topic, _ => secondCalled = true);

        var delivered = listeners.Deliver(topic, Samples.Message("c", 1));

        Assert.Equal(2, delivered);
        Assert.True(secondCalled);
        Assert.Equal(1, listeners.Deliver(topic, Samples.Message("c", 2)));
    }
}
