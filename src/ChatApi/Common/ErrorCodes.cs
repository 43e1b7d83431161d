namespace Chatt.ChatApi.Common;

/// <summary>The stable error codes of the API. Documented in the README; never rename one.</summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string UsernameTaken = "USERNAME_TAKEN";
    /// <summary>The record changed meanwhile (a stale <c>expectedRev</c>) or is in a state that refuses the change (a deleted message), or an id belongs to someone else.</summary>
    public const string Conflict = "CONFLICT";
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>A subscription asked to replay from a rev older than the server still holds: reload, then resubscribe.</summary>
    public const string ResyncRequired = "RESYNC_REQUIRED";
}
