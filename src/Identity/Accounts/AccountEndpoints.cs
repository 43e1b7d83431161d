using Chatt.ServiceDefaults;
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
            ReturnUrls.ToLocal(returnUrl) is { } local
                ? AccountPage.SignIn(http, antiforgery, local, username: null, errors: null, SignUpAllowed(options.Value, environment))
                : AccountPage.BadReturnUrl());

        endpoints.MapPost(SignInPath, SignInAsync);

        endpoints.MapGet(SignUpPath, (HttpContext http, IAntiforgery antiforgery, IOptions<IdentityProviderOptions> options, IHostEnvironment environment, string? returnUrl) =>
            !SignUpAllowed(options.Value, environment) ? Results.NotFound()
            : ReturnUrls.ToLocal(returnUrl) is { } local ? AccountPage.SignUp(http, antiforgery, local, username: null, displayName: null, errors: null)
            : AccountPage.BadReturnUrl());

        endpoints.MapPost(SignUpPath, SignUpAsync);

        return endpoints;
    }

    public static bool SignUpAllowed(IdentityProviderOptions options, IHostEnvironment environment) =>
        options.AllowSignUp ?? environment.IsDevelopment();

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext http, AccountStore accounts, SignInThrottle throttle, IAntiforgery antiforgery,
        IOptions<IdentityProviderOptions> options, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        // Before the password is checked: a sign-in must not succeed and then fail on its redirect.
        if (ReturnUrls.ToLocal(form.ReturnUrl) is not { } returnUrl)
        {
            return AccountPage.BadReturnUrl();
        }

        form.ReturnUrl = returnUrl;
        var (username, password, address) = (form.Username?.Trim() ?? "", form.Password ?? "", http.Connection.RemoteIpAddress);
        var errors = new FormErrors();
        if (username.Length == 0)
        {
            errors.Add("username", "Enter your username.");
        }

        if (password.Length == 0)
        {
            errors.Add("password", "Enter your password.");
        }

        if (errors.Any)
        {
            return AccountPage.SignIn(http, antiforgery, form.ReturnUrl, form.Username, errors, SignUpAllowed(options.Value, environment), StatusCodes.Status400BadRequest);
        }

        // Refused before the password is checked: a throttled guess learns nothing, right or wrong.
        if (throttle.RetryAfter(username, address) is { TotalSeconds: > 0 } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            errors.Add(FormErrors.Form, $"Too many failed sign-in attempts. Try again in {Wait(seconds)}.");
            return AccountPage.SignIn(http, antiforgery, form.ReturnUrl, form.Username, errors, SignUpAllowed(options.Value, environment), StatusCodes.Status429TooManyRequests);
        }

        var account = await accounts.CheckPasswordAsync(username, password, cancellationToken);
        if (account is null)
        {
            throttle.RecordFailure(username, address);
            // One message for unknown user and wrong password: the page must not reveal which usernames exist.
            errors.Add(FormErrors.Form, "Wrong username or password.");
            return AccountPage.SignIn(http, antiforgery, form.ReturnUrl, form.Username, errors, SignUpAllowed(options.Value, environment), StatusCodes.Status400BadRequest);
        }

        throttle.RecordSuccess(username, address);
        await StartSessionAsync(http, account);
        return Results.LocalRedirect(form.ReturnUrl);
    }

    private static async Task<IResult> SignUpAsync(
        [FromForm] SignUpForm form, HttpContext http, AccountStore accounts, IAntiforgery antiforgery,
        IOptions<IdentityProviderOptions> options, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (!SignUpAllowed(options.Value, environment))
        {
            return Results.NotFound();
        }

        if (ReturnUrls.ToLocal(form.ReturnUrl) is not { } returnUrl)
        {
            return AccountPage.BadReturnUrl();
        }

        // Every problem at once, so one correction round is enough.
        form.ReturnUrl = returnUrl;
        var errors = new FormErrors();
        if (!AccountRules.IsValidUsername(form.Username))
        {
            errors.Add("username", $"Choose a username of {AccountRules.UsernameRule}.");
        }
        else if (await accounts.FindByUsernameAsync(form.Username!, cancellationToken) is not null)
        {
            errors.Add("username", "That username is taken.");
        }

        if (form.DisplayName is { Length: > 64 })
        {
            errors.Add("displayname", "The display name can have at most 64 characters.");
        }

        foreach (var problem in PasswordPolicy.Problems(form.Password, form.Username))
        {
            errors.Add("password", problem);
        }

        var account = errors.Any ? null : await accounts.CreateAsync(form.Username!, form.DisplayName, form.Password!, cancellationToken);
        if (account is null)
        {
            if (!errors.Any)
            {
                errors.Add("username", "That username is taken.");
            }

            return AccountPage.SignUp(http, antiforgery, form.ReturnUrl, form.Username, form.DisplayName, errors, StatusCodes.Status400BadRequest);
        }

        await StartSessionAsync(http, account);
        return Results.LocalRedirect(form.ReturnUrl);
    }

    private static Task StartSessionAsync(HttpContext http, Account account)
    {
        var identity = new ClaimsIdentity(SessionCookie.Scheme, Claims.PreferredUsername, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Id));
        identity.AddClaim(new Claim(Claims.PreferredUsername, account.Username));
        return http.SignInAsync(SessionCookie.Scheme, new ClaimsPrincipal(identity));
    }

    private static string Wait(int seconds) =>
        seconds < 90 ? $"{seconds} second{(seconds == 1 ? "" : "s")}" : $"{(seconds + 59) / 60} minutes";
}
