using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Chatt.Identity.Accounts;

/// <summary>
/// The provider's few server-rendered pages, as plain HTML with every value encoded. No scripts: the
/// Content-Security-Policy forbids them.
/// </summary>
internal static class AccountPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static IResult SignIn(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, string? error, bool allowSignUp, int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder()
            .Append("<h1>Sign in to Chatt</h1>")
            .Append(Error(error))
            .Append("<form method=\"post\" action=\"").Append(AccountEndpoints.SignInPath).Append("\">")
            .Append(Antiforgery(http, antiforgery))
            .Append(Hidden("ReturnUrl", returnUrl))
            .Append(Field("Username", "username", "text", username, "username"))
            .Append(Field("Password", "password", "password", null, "current-password"))
            .Append("<button type=\"submit\">Sign in</button></form>");
        if (allowSignUp)
        {
            body.Append("<p>No account? <a href=\"").Append(AccountEndpoints.SignUpPath)
                .Append(QueryFor(returnUrl)).Append("\">Create one</a>.</p>");
        }

        return Page("Sign in", body.ToString(), statusCode);
    }

    public static IResult SignUp(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, string? displayName, string? error, int statusCode = StatusCodes.Status200OK)
    {
        var body = new StringBuilder()
            .Append("<h1>Create a Chatt account</h1>")
            .Append(Error(error))
            .Append("<form method=\"post\" action=\"").Append(AccountEndpoints.SignUpPath).Append("\">")
            .Append(Antiforgery(http, antiforgery))
            .Append(Hidden("ReturnUrl", returnUrl))
            .Append(Field("Username", "username", "text", username, "username"))
            .Append(Field("Display name (optional)", "displayname", "text", displayName, "nickname", nameAttribute: "DisplayName"))
            .Append(Field("Password", "password", "password", null, "new-password"))
            .Append("<button type=\"submit\">Create account</button></form>")
            .Append("<p>Already registered? <a href=\"").Append(AccountEndpoints.SignInPath).Append(QueryFor(returnUrl)).Append("\">Sign in</a>.</p>");
        return Page("Create account", body.ToString(), statusCode);
    }

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
            <title>{{Encoder.Encode(title)}} · Chatt</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
            label { display: block; margin: .8rem 0 .2rem; }
            input { width: 100%; padding: .4rem; box-sizing: border-box; }
            button { margin-top: 1rem; padding: .5rem 1rem; }
            .error { color: #a00; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private static string Error(string? error) =>
        error is null ? "" : $"<p class=\"error\" role=\"alert\">{Encoder.Encode(error)}</p>";

    private static string Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return Hidden(tokens.FormFieldName, tokens.RequestToken);
    }

    private static string Hidden(string name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encoder.Encode(name)}\" value=\"{Encoder.Encode(value ?? "")}\">";

    private static string Field(string label, string id, string type, string? value, string autocomplete, string? nameAttribute = null) =>
        $"<label for=\"{id}\">{Encoder.Encode(label)}</label>" +
        $"<input id=\"{id}\" name=\"{nameAttribute ?? char.ToUpperInvariant(id[0]) + id[1..]}\" type=\"{type}\" value=\"{Encoder.Encode(value ?? "")}\" autocomplete=\"{autocomplete}\">";

    private static string QueryFor(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? "" : "?returnUrl=" + Encoder.Encode(Uri.EscapeDataString(returnUrl));
}
