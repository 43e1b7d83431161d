using System.Diagnostics;
using Chatt.ChatApi.Common;
using GraphQL;
using GraphQL.Execution;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Turns what a resolver throws into what a client may see. A <see cref="ChatException"/> is an error the caller
/// caused: its message and stable code go out as <c>extensions.code</c>. Anything else is a defect: it is logged
/// in full with a trace id, and the client gets only <c>INTERNAL_SERVER_ERROR</c> and that trace id — never the
/// exception's message or stack, which may hold internals.
/// </summary>
public sealed partial class ExecutionErrorMapper(ILogger<ExecutionErrorMapper> logger)
{
    public Task HandleAsync(UnhandledExceptionContext context)
    {
        if (context.OriginalException is OperationCanceledException && context.ExecutionOptions.CancellationToken.IsCancellationRequested)
        {
            return Task.CompletedTask; // the client went away or completed the operation: nothing to report
        }

        context.Exception = Map(context.OriginalException, context.FieldContext?.FieldDefinition?.Name);
        return Task.CompletedTask;
    }

    public ExecutionError Map(Exception exception, string? field = null)
    {
        if (exception is ChatException chat)
        {
            return new ExecutionError(chat.Message) { Code = chat.Code };
        }

        if (exception is ExecutionError error)
        {
            return error;
        }

        var traceId = Activity.Current?.TraceId.ToHexString() ?? ActivityTraceId.CreateRandom().ToHexString();
        Log.UnexpectedException(logger, exception, field ?? "(none)", traceId);
        var mapped = new ExecutionError($"An unexpected error occurred. Trace id: {traceId}.") { Code = ErrorCodes.InternalServerError };
        mapped.Data["traceId"] = traceId;
        return mapped;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, EventName = "UnexpectedResolverException", Level = LogLevel.Error, Message = "Unexpected exception while resolving field {Field}; trace id {TraceId}")]
        public static partial void UnexpectedException(ILogger logger, Exception exception, string field, string traceId);
    }
}
