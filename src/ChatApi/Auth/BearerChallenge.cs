using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Chatt.ChatApi.Auth;

/// <summary>
/// The <c>WWW-Authenticate</c> answer to a request without a usable token (RFC 6750 §3): plain <c>Bearer</c> when
/// none was sent, else <c>error="invalid_token"</c> with an <c>error_description</c> saying why it was refused
/// (expired, wrong audience, wrong issuer, bad or unknown signature), in the words JwtBearer's own challenge uses.
/// </summary>
public static class BearerChallenge
{
    private static readonly object FailureKey = new();

    /// <summary>Remembers why JwtBearer refused the request's token (its failure is not kept on the request otherwise).</summary>
    public static Task RememberFailure(AuthenticationFailedContext context)
    {
        context.HttpContext.Items[FailureKey] = context.Exception;
        return Task.CompletedTask;
    }

    public static string HeaderValue(HttpContext context) =>
        context.Items.TryGetValue(FailureKey, out var failure) && failure is Exception exception
            ? $"Bearer error=\"invalid_token\", error_description=\"{Describe(exception).Replace("\"", "'", StringComparison.Ordinal)}\""
            : "Bearer";

    public static string Describe(Exception exception) => exception switch
    {
        SecurityTokenInvalidAudienceException audience => $"The audience '{audience.InvalidAudience ?? "(null)"}' is invalid",
        SecurityTokenInvalidIssuerException issuer => $"The issuer '{issuer.InvalidIssuer ?? "(null)"}' is invalid",
        SecurityTokenNoExpirationException => "The token has no expiration",
        SecurityTokenNotYetValidException notYet => $"The token is not valid before '{notYet.NotBefore.ToString(CultureInfo.InvariantCulture)}'",
        SecurityTokenExpiredException expired => $"The token expired at '{expired.Expires.ToString(CultureInfo.InvariantCulture)}'",
        SecurityTokenSignatureKeyNotFoundException => "The signature key was not found",
        SecurityTokenInvalidSignatureException => "The signature is invalid",
        SecurityTokenMalformedException => "The token is malformed",
        _ => "The token is invalid",
    };
}
