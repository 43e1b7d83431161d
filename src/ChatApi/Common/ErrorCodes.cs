namespace Chatt.ChatApi.Common;

/// <summary>The stable error codes of the API. Documented in the README; never rename one.</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string UsernameTaken = "USERNAME_TAKEN";
    public const string Conflict = "CONFLICT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";
}
