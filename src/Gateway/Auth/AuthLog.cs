namespace Chatt.Gateway.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1002, EventName = "SignInFailed", Level = LogLevel.Warning, Message = "Sign-in callback failed")]
    public static partial void SignInFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 1003, EventName = "RefreshTokenRevocationFailed", Level = LogLevel.Information, Message = "Could not reach the provider on sign-out; the refresh token was not revoked there")]
    public static partial void RevocationFailed(ILogger logger, Exception? exception);

    [LoggerMessage(EventId = 1005, EventName = "ProviderUnavailable", Level = LogLevel.Error, Message = "Sign-in could not start: the provider's discovery document could not be read (check Oidc:Authority)")]
    public static partial void ProviderUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1004, EventName = "AccessTokenForeignAudience", Level = LogLevel.Warning, Message = "The provider's access token is not for Oidc:Audience '{Audience}' (its audiences: '{Audiences}'); ChatApi will refuse it. Check the scopes, or Oidc:AuthorizationParameters:audience for Auth0")]
    public static partial void ForeignAudience(ILogger logger, string audience, string audiences);
}
