using System.Security.Claims;
using System.Text.Json;
using Chatt.ChatApi.GraphQL.Execution;
using Chatt.ChatApi.GraphQL.WebSockets;
using GraphQL;

namespace Chatt.ChatApi.Live;

/// <summary>
/// Resolves one event for one selection: the subscription's operation runs with the event as its only source value
/// (through the same runner as every operation, in a fresh DI scope), and the result is serialized once. In a shared
/// render the per-caller fields leave placeholders (see <see cref="Sharing"/>), located in the bytes by
/// <see cref="ResultTemplate"/>; otherwise they resolve for <c>user</c> like any field.
/// </summary>
public sealed class LiveRenderer(GraphQLRunner runner, IServiceScopeFactory scopes, FrameSerializer serializer, ExecutionErrorMapper errors, ILogger<LiveRenderer> logger)
{
    internal const string Transport = "live-render";

    internal ExecutionErrorMapper Errors => errors;

    internal ILogger Logger => logger;

    public async Task<ResultTemplate> RenderAsync(PreparedOperation operation, object root, ClaimsPrincipal user, bool shared, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var slot = scope.ServiceProvider.GetRequiredService<LiveSlot>();
        slot.Event = root;
        slot.Placeholders = shared ? [] : null;
        var result = await runner.ExecuteAsync(operation, user, scope.ServiceProvider, Transport, cancellationToken);
        if (result.Streams is { Count: 1 } streams)
        {
            result = await FirstAsync(streams.Values.Single(), cancellationToken);
        }

        return ResultTemplate.Build(JsonSerializer.SerializeToUtf8Bytes(result, serializer.Options), slot.Placeholders);
    }

    private static async Task<ExecutionResult> FirstAsync(IObservable<ExecutionResult> stream, CancellationToken cancellationToken)
    {
        var first = new FirstObserver();
        using (stream.Subscribe(first))
        {
            return await first.Result.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class FirstObserver : IObserver<ExecutionResult>
    {
        public TaskCompletionSource<ExecutionResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(ExecutionResult value) => Result.TrySetResult(value);

        public void OnError(Exception error) => Result.TrySetException(error);

        public void OnCompleted() => Result.TrySetException(new InvalidOperationException("The render's stream ended without a result."));
    }
}
