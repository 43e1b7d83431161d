using System.Security.Claims;
using Chatt.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Chatt.Identity.Oidc;

/// <summary>
/// The application side of OpenIddict's pass-through endpoints. OpenIddict has already validated each
/// request (client, redirect URI, PKCE, scopes) before these run; they only decide who the user is.
/// Discovery and JWKS are answered by OpenIddict itself.
/// </summary>
public static class ConnectEndpoints
{
    public const string AuthorizationPath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string RevocationPath = "/connect/revoke";

    private const string Server = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        endpoints.MapPost(TokenPath, ExchangeAsync);
        endpoints.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        endpoints.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync);
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http, AccountStore accounts, IOptions<IdentityProviderOptions> options, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var session = await http.AuthenticateAsync(SessionCookie.Scheme);
        var account = session.Succeeded
            ? await accounts.FindByIdAsync(session.Principal.FindFirstValue(Claims.Subject), cancellationToken)
            : null;

        if (account is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after the sign-in page, without prompt=login so the user is not asked again.
            var parameters = (http.Request.HasFormContentType ? http.Request.Form.AsEnumerable() : http.Request.Query)
                .Where(p => p.Key != Parameters.Prompt);
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [SessionCookie.Scheme]);
        }

        return Results.SignIn(ChattPrincipal.Create(account, request.GetScopes(), options.Value.Audience), authenticationScheme: Server);
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext http, AccountStore accounts, IOptions<IdentityProviderOptions> options, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the authorization code and refresh token grants are supported.");
        }

        // The principal stored in the code or refresh token (already checked: signature, expiry, redemption).
        var granted = (await http.AuthenticateAsync(Server)).Principal;
        var account = await accounts.FindByIdAsync(granted?.GetClaim(Claims.Subject), cancellationToken);
        if (granted is null || account is null)
        {
            return Refuse(Errors.InvalidGrant, "The account no longer exists.");
        }

        return Results.SignIn(ChattPrincipal.Create(account, granted.GetScopes(), options.Value.Audience), authenticationScheme: Server);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, AccountStore accounts, CancellationToken cancellationToken)
    {
        var principal = (await http.AuthenticateAsync(Server)).Principal;
        var account = await accounts.FindByIdAsync(principal?.GetClaim(Claims.Subject), cancellationToken);
        if (principal is null || account is null)
        {
            return Results.Challenge(ErrorProperties(Errors.InvalidToken, "The account no longer exists."), [Server]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = account.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.PreferredUsername] = account.Username;
            claims[Claims.Name] = account.DisplayName;
        }

        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        // Signing out needs no confirmation page: the worst a forged logout link can do is end a session,
        // and the relying party (the gateway) always comes here from its own sign-out.
        await http.SignOutAsync(SessionCookie.Scheme);

        // OpenIddict redirects to the client's post_logout_redirect_uri when it was registered, else to "/".
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [Server]);
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(ErrorProperties(error, description), [Server]);

    private static AuthenticationProperties ErrorProperties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
}
