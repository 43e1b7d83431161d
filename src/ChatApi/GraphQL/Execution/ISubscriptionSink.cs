using GraphQL;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// One subscriber as the <see cref="ISubscriptionHub"/> sees it. Calls never block (a transport queues or closes a
/// slow consumer) and may come from any thread; after <see cref="Error"/> or <see cref="Complete"/> no more come.
/// </summary>
public interface ISubscriptionSink
{
    /// <summary>One event: the JSON of its execution result (<c>{"data":…}</c>), valid only during the call.</summary>
    void Next(ReadOnlySpan<byte> payloadJson);

    /// <summary>The stream failed after it started; the subscriber gets these errors and then the end.</summary>
    void Error(ExecutionErrors errors);

    /// <summary>The stream ended.</summary>
    void Complete();
}
