namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>
/// Codes (in <c>extensions.code</c>) of errors the transports raise before an operation runs. Resolver errors use
/// <see cref="Common.ErrorCodes"/>; the analyzer's depth/complexity rejections use <c>COMPLEXITY</c>.
/// </summary>
public static class TransportErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string TooManyOperations = "TOO_MANY_OPERATIONS";
}
