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

    /// <summary>The operation's cost is over the budget (or it nests too deep); <c>extensions.cost</c> and <c>extensions.budget</c> say by how much. Raised before execution.</summary>
    public const string Complexity = "COMPLEXITY";

    /// <summary>The document is over one of the document bounds (<c>extensions.limit</c> names which, <c>extensions.max</c> its value). Raised before validation.</summary>
    public const string DocumentTooLarge = "DOCUMENT_TOO_LARGE";

    /// <summary>The serialized result would be over <c>GraphQL:MaxResponseBytes</c>: ask for a smaller page.</summary>
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";

    /// <summary>The caller sent operations faster than its rate limit allows; <c>extensions.retryAfterMs</c> says when one more will be accepted.</summary>
    public const string RateLimited = "RATE_LIMITED";
}
