using System.Security.Claims;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.GraphQL.Execution;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace Chatt.ChatApi.GraphQL.WebSockets;

/// <summary>
/// Runs a socket's operations: queries and mutations through <see cref="GraphQLRunner"/> (one <c>next</c>, then
/// <c>complete</c>), subscriptions through the <see cref="ISubscriptionHub"/> — the one place a WebSocket subscription
/// starts. A request error, or a subscription refused before its stream starts (e.g. FORBIDDEN for a non-member),
/// answers one terminal <c>error</c> message, as graphql-transport-ws defines it, and no complete. Every operation first
/// takes a token from the caller's rate-limit bucket (<see cref="OperationRateLimiter"/>, shared with HTTP); a refused
/// one answers an <c>error</c> with <c>RATE_LIMITED</c> and <c>extensions.retryAfterMs</c>, and the socket stays open.
/// </summary>
public sealed class OperationExecutor(
    OperationRegistry registry,
    FrameWriter frames,
    ResultMessageTypes types,
    GraphQLRunner runner,
    OperationRateLimiter rateLimiter,
    ISubscriptionHub subscriptions,
    ExecutionErrorMapper errors,
    ChatTelemetry telemetry,
    IServiceScopeFactory scopes,
    CancellationToken socketClosing)
{
    /// <summary>Registers and starts an operation for <paramref name="user"/>; answers at once if it gets no slot.</summary>
    public async ValueTask StartAsync(string id, GraphQLRequest request, ClaimsPrincipal user)
    {
        var admitted = rateLimiter.TryAcquire(user);
        if (!admitted.Allowed)
        {
            frames.Send(types.Error, id, new ExecutionErrors { OperationRateLimiter.Error(admitted) });
            return;
        }

        var operation = new WebSocketOperation(id, scopes, socketClosing);
        switch (await registry.TryRegisterAsync(operation))
        {
            case RegisterOutcome.DuplicateId:
                return;
            case RegisterOutcome.OverLimit:
                frames.Send(types.Error, id, new ExecutionErrors
                {
                    new ExecutionError($"Too many operations on this socket: at most {registry.Limit} may run at once.") { Code = TransportErrorCodes.TooManyOperations },
                });
                return;
        }

        _ = RunAsync(operation, request, user);
    }

    private async Task RunAsync(WebSocketOperation operation, GraphQLRequest request, ClaimsPrincipal user)
    {
        try
        {
            var prepared = runner.Prepare(request);
            if (prepared.OperationType == OperationType.Subscription)
            {
                await SubscribeAsync(operation, prepared, user);
                return;
            }

            var result = await runner.ExecuteAsync(prepared, user, operation.Services, types.Transport, operation.Cancellation);
            if (operation.Finish())
            {
                if (result.Executed)
                {
                    try
                    {
                        frames.Send(types.Next, operation.Id, result);
                    }
                    catch (ResponseTooLargeException tooLarge)
                    {
                        frames.Send(types.Next, operation.Id, tooLarge.Result);
                    }

                    frames.Send(types.Complete, operation.Id);
                }
                else
                {
                    frames.Send(types.Error, operation.Id, result.Errors ?? []);
                }
            }

            await registry.RemoveAsync(operation);
        }
        catch (OperationCanceledException) when (operation.Cancellation.IsCancellationRequested)
        {
            await registry.RemoveAsync(operation);
        }
        catch (Exception ex)
        {
            if (operation.Finish())
            {
                frames.Send(types.Error, operation.Id, new ExecutionErrors { errors.Map(ex) });
            }

            await registry.RemoveAsync(operation);
        }
    }

    private async Task SubscribeAsync(WebSocketOperation operation, PreparedOperation prepared, ClaimsPrincipal user)
    {
        var sink = new OperationSink(operation, frames, types, registry);
        var start = await subscriptions.SubscribeAsync(new SubscriptionRequest(prepared, user, operation.Services, types.Transport, operation.Cancellation), sink);
        if (start.Running is not { } running)
        {
            if (operation.Finish())
            {
                frames.Send(types.Error, operation.Id, start.Errors ?? []);
            }

            await registry.RemoveAsync(operation);
            return;
        }

        telemetry.ActiveSubscriptions.Add(1);
        operation.OnDisposed = () => telemetry.ActiveSubscriptions.Add(-1);
        operation.Track(running);
    }
}
