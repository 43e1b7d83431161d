using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Chatt.Identity.Accounts;

/// <summary>
/// The provider's few server-rendered pages, as plain HTML with every value encoded and the web client's look
/// (account.css). No scripts: the Content-Security-Policy forbids them. A refused form lists every problem at once,
/// in a summary at the top (announced as an alert, each line a link to its field) and again beside each field, tied
/// to it with <c>aria-describedby</c> and <c>aria-invalid</c>.
/// </summary>
internal static class AccountPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private static readonly string Styles = LoadStyles();

    public static IResult SignIn(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, FormErrors? errors, bool allowSignUp,
        int statusCode = StatusCodes.Status200OK)
    {
        errors ??= new FormErrors();
        var body = new StringBuilder()
            .Append("<h1>Sign in</h1>")
            .Append(Summary(errors))
            .Append("<form method=\"post\" action=\"").Append(AccountEndpoints.SignInPath).Append("\" novalidate>")
            .Append(Antiforgery(http, antiforgery))
            .Append(Hidden("ReturnUrl", returnUrl))
            .Append(Field("Username", "username", "text", username, "username", errors))
            .Append(Field("Password", "password", "password", null, "current-password", errors))
            .Append("<button class=\"button\" type=\"submit\">Sign in</button></form>");
        if (allowSignUp)
        {
            body.Append("<p class=\"muted\">No account? <a href=\"").Append(AccountEndpoints.SignUpPath)
                .Append(QueryFor(returnUrl)).Append("\">Create one</a>.</p>");
        }

        return Page("Sign in", body.ToString(), statusCode);
    }

    public static IResult SignUp(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, string? displayName, FormErrors? errors,
        int statusCode = StatusCodes.Status200OK)
    {
        errors ??= new FormErrors();
        var rules = new StringBuilder("<ul class=\"hint\" id=\"password-rules\">");
        foreach (var rule in PasswordPolicy.Rules)
        {
            rules.Append("<li>").Append(Encoder.Encode(rule)).Append("</li>");
        }

        var body = new StringBuilder()
            .Append("<h1>Create your account</h1>")
            .Append(Summary(errors))
            .Append("<form method=\"post\" action=\"").Append(AccountEndpoints.SignUpPath).Append("\" novalidate>")
            .Append(Antiforgery(http, antiforgery))
            .Append(Hidden("ReturnUrl", returnUrl))
            .Append(Field("Username", "username", "text", username, "username", errors,
                hint: ("username-rules", $"<p class=\"hint\" id=\"username-rules\">{Encoder.Encode(char.ToUpperInvariant(AccountRules.UsernameRule[0]) + AccountRules.UsernameRule[1..])}.</p>")))
            .Append(Field("Display name (optional)", "displayname", "text", displayName, "nickname", errors, nameAttribute: "DisplayName"))
            .Append(Field("Password", "password", "password", null, "new-password", errors, hint: ("password-rules", rules.Append("</ul>").ToString())))
            .Append("<button class=\"button\" type=\"submit\">Create account</button></form>")
            .Append("<p class=\"muted\">Already registered? <a href=\"").Append(AccountEndpoints.SignInPath).Append(QueryFor(returnUrl)).Append("\">Sign in</a>.</p>");
        return Page("Create account", body.ToString(), statusCode);
    }

    /// <summary>A return address that cannot be followed (control characters): nothing is started, the user goes back to the app.</summary>
    public static IResult BadReturnUrl() => Page(
        "Broken sign-in link",
        "<h1>This sign-in link is broken</h1><p role=\"alert\">The address it should return to is not valid. Go back to the app and sign in from there.</p>",
        StatusCodes.Status400BadRequest);

    public static IResult Home(string? username) => Page(
        "Chatt identity",
        username is null
            ? "<h1>Chatt identity</h1><p>You are signed out.</p>"
            : $"<h1>Chatt identity</h1><p>Signed in as <strong>{Encoder.Encode(username)}</strong>.</p>");

    private static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var html = $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{{Encoder.Encode(title)}} · Chatt</title>
            <style>
            {{Styles}}
            </style>
            </head>
            <body>
            <main class="center"><div class="card">
            <p class="brand">Chatt</p>
            {{body}}
            </div></main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private static string Summary(FormErrors errors)
    {
        if (!errors.Any)
        {
            return "";
        }

        var count = errors.All.Count();
        var html = new StringBuilder("<div class=\"summary\" role=\"alert\" aria-labelledby=\"summary-title\"><h2 id=\"summary-title\">")
            .Append(count == 1 ? "There is a problem" : $"There are {count} problems").Append("</h2><ul>");
        foreach (var (field, message) in errors.All)
        {
            html.Append("<li>").Append(field == FormErrors.Form
                ? Encoder.Encode(message)
                : $"<a href=\"#{field}\">{Encoder.Encode(message)}</a>").Append("</li>");
        }

        return html.Append("</ul></div>").ToString();
    }

    private static string Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    private static string Hidden(string name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encoder.Encode(name)}\" value=\"{Encoder.Encode(value ?? "")}\">";

    private static string Field(string label, string id, string type, string? value, string autocomplete, FormErrors errors,
        string? nameAttribute = null, (string Id, string Html)? hint = null)
    {
        var messages = errors.For(id).ToList();
        var describedBy = string.Join(' ', new[] { messages.Count > 0 ? id + "-error" : null, hint?.Id }.OfType<string>());
        var html = new StringBuilder("<div class=\"field\">")
            .Append($"<label for=\"{id}\">{Encoder.Encode(label)}</label>")
            .Append($"<input id=\"{id}\" name=\"{nameAttribute ?? char.ToUpperInvariant(id[0]) + id[1..]}\" type=\"{type}\" value=\"{Encoder.Encode(value ?? "")}\" autocomplete=\"{autocomplete}\"");
        if (messages.Count > 0)
        {
            html.Append(" aria-invalid=\"true\"");
        }

        if (describedBy.Length > 0)
        {
            html.Append($" aria-describedby=\"{describedBy}\"");
        }

        html.Append('>');
        if (messages.Count > 0)
        {
            html.Append($"<ul class=\"field-error\" id=\"{id}-error\">");
            foreach (var message in messages)
            {
                html.Append("<li>").Append(Encoder.Encode(message)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append(hint?.Html).Append("</div>").ToString();
    }

    private static string QueryFor(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Encoder.Encode(Uri.EscapeDataString(returnUrl));

    private static string LoadStyles()
    {
        using var stream = typeof(AccountPage).Assembly.GetManifestResourceStream("Chatt.Identity.Accounts.account.css")
            ?? throw new InvalidOperationException("The embedded stylesheet Accounts/account.css is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
