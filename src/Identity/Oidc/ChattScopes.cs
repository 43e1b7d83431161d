namespace Chatt.Identity.Oidc;

public static class ChattScopes
{
    /// <summary>Access to the chat API. Every access token carries the configured audience for it.</summary>
    public const string Api = "chatt-api";
}
