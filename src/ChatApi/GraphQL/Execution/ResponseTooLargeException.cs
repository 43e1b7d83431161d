using Chatt.ChatApi.Common;
using GraphQL;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// A result's serialization reached <see cref="GraphQLOptions.MaxResponseBytes"/>: the transport stops writing and
/// answers <see cref="Result"/> instead — the second line behind the cost budget, so one operation can never make the
/// server hold (or a socket queue) an unbounded response.
/// </summary>
public sealed class ResponseTooLargeException(int maxBytes)
    : Exception($"The response would be larger than {maxBytes} bytes.")
{
    public int MaxBytes { get; } = maxBytes;

    /// <summary>What the client gets instead: no data, one <c>RESPONSE_TOO_LARGE</c> error with <c>extensions.maxBytes</c>.</summary>
    public ExecutionResult Result => new()
    {
        Executed = true,
        Errors =
        [
            new ExecutionError($"The response would be larger than {MaxBytes} bytes: ask for smaller pages or fewer fields.")
            {
                Code = ErrorCodes.ResponseTooLarge,
                Extensions = new() { ["maxBytes"] = MaxBytes },
            },
        ],
    };
}
