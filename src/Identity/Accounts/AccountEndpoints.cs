using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Chatt.Identity.Accounts;

/// <summary>
/// Sign-in and sign-up pages. Both POSTs bind a form, so ASP.NET Core's antiforgery middleware validates the
/// token rendered into the page before they run. A successful POST starts the provider's session cookie and
/// returns to the (local) URL that sent the user here, normally the authorization endpoint.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";
    public const string SignUpPath = "/account/signup";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", async (HttpContext http) =>
        {
            var session = await http.AuthenticateAsync(SessionCookie.Scheme);
            return AccountPage.Home(session.Succeeded ? session.Principal.FindFirstValue(Claims.PreferredUsername) : null);
        });

        endpoints.MapGet(SignInPath, (HttpContext http, IAntiforgery antiforgery, IOptions<IdentityProviderOptions> options, IHostEnvironment environment, string? returnUrl) =>
            AccountPage.SignIn(http, antiforgery, returnUrl, username: null, error: null, SignUpAllowed(options.Value, environment)));

        endpoints.MapPost(SignInPath, SignInAsync);

        endpoints.MapGet(SignUpPath, (HttpContext http, IAntiforgery antiforgery, IOptions<IdentityProviderOptions> options, IHostEnvironment environment, string? returnUrl) =>
            SignUpAllowed(options.Value, environment)
                ? AccountPage.SignUp(http, antiforgery, returnUrl, username: null, displayName: null, error: null)
                : Results.NotFound());

        endpoints.MapPost(SignUpPath, SignUpAsync);

        return endpoints;
    }

    public static bool SignUpAllowed(IdentityProviderOptions options, IHostEnvironment environment) =>
        options.AllowSignUp ?? environment.IsDevelopment();

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext http, AccountStore accounts, IAntiforgery antiforgery,
        IOptions<IdentityProviderOptions> options, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        var account = await accounts.CheckPasswordAsync(form.Username ?? "", form.Password ?? "", cancellationToken);
        if (account is null)
        {
            // One message for unknown user and wrong password: the page must not reveal which usernames exist.
            return AccountPage.SignIn(http, antiforgery, form.ReturnUrl, form.Username, "Wrong username or password.",
                SignUpAllowed(options.Value, environment), StatusCodes.Status400BadRequest);
        }

        await StartSessionAsync(http, account);
        return Results.LocalRedirect(LocalOrRoot(form.ReturnUrl));
    }

    private static async Task<IResult> SignUpAsync(
        [FromForm] SignUpForm form, HttpContext http, AccountStore accounts, IAntiforgery antiforgery,
        IOptions<IdentityProviderOptions> options, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (!SignUpAllowed(options.Value, environment))
        {
            return Results.NotFound();
        }

        string? error = null;
        if (!AccountRules.IsValidUsername(form.Username))
        {
            error = $"Choose a username of {AccountRules.UsernameRule}.";
        }
        else if (!AccountRules.IsValidPassword(form.Password))
        {
            error = $"Choose a password of {AccountRules.PasswordRule}.";
        }
        else if (form.DisplayName is { Length: > 64 })
        {
            error = "The display name can have at most 64 characters.";
        }

        var account = error is null
            ? await accounts.CreateAsync(form.Username!, form.DisplayName, form.Password!, cancellationToken)
            : null;
        if (account is null)
        {
            return AccountPage.SignUp(http, antiforgery, form.ReturnUrl, form.Username, form.DisplayName,
                error ?? "That username is taken.", StatusCodes.Status400BadRequest);
        }

        await StartSessionAsync(http, account);
        return Results.LocalRedirect(LocalOrRoot(form.ReturnUrl));
    }

    private static Task StartSessionAsync(HttpContext http, Account account)
    {
        var identity = new ClaimsIdentity(SessionCookie.Scheme, Claims.PreferredUsername, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Id));
        identity.AddClaim(new Claim(Claims.PreferredUsername, account.Username));
        return http.SignInAsync(SessionCookie.Scheme, new ClaimsPrincipal(identity));
    }

    // Only paths on this host: an absolute or protocol-relative URL would make the form an open redirect.
    private static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : "/";
}
