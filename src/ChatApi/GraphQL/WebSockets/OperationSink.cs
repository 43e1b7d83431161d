using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// A running subscription's events on its socket: each payload framed as this protocol's <c>next</c>/<c>data</c>;
/// the first of error or end finishes the operation (an error is sent as a result with errors, then complete).
/// </summary>
public sealed class OperationSink(WebSocketOperation operation, FrameWriter frames, ResultMessageTypes types, OperationRegistry registry) : ISubscriptionSink
{
    public void Next(ReadOnlySpan<byte> payloadJson)
    {
        if (!operation.IsFinished)
        {
            frames.SendSerialized(types.Next, operation.Id, payloadJson);
        }
    }

    public void Error(ExecutionErrors errors)
    {
        if (operation.Finish())
        {
            frames.Send(types.Next, operation.Id, new ExecutionResult { Errors = errors });
            frames.Send(types.Complete, operation.Id);
        }

        _ = registry.RemoveAsync(operation);
    }

    public void Complete()
    {
        if (operation.Finish())
        {
            frames.Send(types.Complete, operation.Id);
        }

        _ = registry.RemoveAsync(operation);
    }
}
