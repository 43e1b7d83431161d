namespace Chatt.ChatApi.Common;

/// <summary>
/// An error a caller can cause. It carries a stable <see cref="Code"/> that clients may switch on;
/// the transports turn it into a GraphQL error with <c>extensions.code</c>. Anything else thrown is unexpected.
/// </summary>
public sealed class ChatException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static ChatException BadInput(string message) => new(ErrorCodes.BadUserInput, message);
    public static ChatException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");
    public static ChatException Forbidden(string message) => new(ErrorCodes.Forbidden, message);
}
