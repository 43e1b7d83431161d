using System.Net;
using System.Text.RegularExpressions;

namespace Chatt.Identity.Tests;

/// <summary>The sign-in and sign-up pages as a person meets them: every problem at once, the rules stated, Chatt's look.</summary>
public sealed partial class AccountPageTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task A_sign_up_form_with_three_problems_lists_all_three_each_tied_to_its_field()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signup"));
        fields["Username"] = "x";
        fields["DisplayName"] = new string('d', 65);
        fields["Password"] = "qwertyuiop";

        var response = await OidcClient.PostFormAsync(browser, "/account/signup", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There are 3 problems", html, StringComparison.Ordinal);
        Assert.Matches("<input id=\"username\"[^>]*aria-invalid=\"true\" aria-describedby=\"username-error username-rules\"", html);
        Assert.Matches("<input id=\"displayname\"[^>]*aria-invalid=\"true\" aria-describedby=\"displayname-error\"", html);
        Assert.Matches("<input id=\"password\"[^>]*aria-invalid=\"true\" aria-describedby=\"password-error password-rules\"", html);
        Assert.Contains("<ul class=\"field-error\" id=\"password-error\"><li>This is one of the most common passwords", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("Iloveyou1")]
    [InlineData("")] // the username itself
    public async Task Common_passwords_and_the_username_itself_are_refused_and_no_account_is_made(string password)
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signup"));
        var username = "carol-" + Guid.NewGuid().ToString("N")[..8];
        fields["Username"] = username;
        fields["Password"] = password.Length > 0 ? password : username.ToUpperInvariant();

        var response = await OidcClient.PostFormAsync(browser, "/account/signup", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"password-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Password"] = username + "-long-password";
        Assert.Equal(HttpStatusCode.Redirect, (await OidcClient.PostFormAsync(browser, "/account/signup", fields)).StatusCode);
    }

    [Fact]
    public async Task The_sign_up_page_states_the_password_rules_beside_the_password_field()
    {
        using var browser = factory.CreateBrowser();

        var html = await browser.GetStringAsync("/account/signup");

        Assert.Contains("<ul class=\"hint\" id=\"password-rules\"><li>8 to 128 characters</li><li>not one of the 10,000 most common passwords</li><li>not your username</li></ul>", html, StringComparison.Ordinal);
        Assert.Matches("<input id=\"password\"[^>]*aria-describedby=\"password-rules\"", html);
    }

    [Fact]
    public async Task An_empty_sign_in_form_names_both_missing_fields()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signin"));

        var response = await OidcClient.PostFormAsync(browser, "/account/signin", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There are 2 problems", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#username\">Enter your username.</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#password\">Enter your password.</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_use_the_web_clients_colours_in_light_and_dark_and_fit_a_phone()
    {
        using var browser = factory.CreateBrowser();
        var page = await browser.GetStringAsync("/account/signin");
        var web = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "src", "Web", "src", "styles.css"));

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", page, StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 480px)", page, StringComparison.Ordinal);
        var (pageLight, pageDark) = Variables(page);
        var (webLight, webDark) = Variables(web);
        foreach (var name in new[] { "--bg", "--bg-soft", "--text", "--muted", "--border", "--accent", "--accent-text", "--danger" })
        {
            Assert.Equal((name, webLight[name]), (name, pageLight[name]));
            Assert.Equal((name, webDark[name]), (name, pageDark[name]));
        }

        // Any other colour both define agrees too, and so does the type.
        foreach (var name in pageLight.Keys.Intersect(webLight.Keys))
        {
            Assert.Equal((name, webLight[name]), (name, pageLight[name]));
        }

        foreach (var property in new[] { "font-family", "font-size", "line-height" })
        {
            Assert.Equal((property, RootProperty(web, property)), (property, RootProperty(page, property)));
        }
    }

    /// <summary>A property of the first <c>:root</c> rule.</summary>
    private static string RootProperty(string css, string property)
    {
        var root = css[css.IndexOf(":root", StringComparison.Ordinal)..];
        var match = Regex.Match(root[..root.IndexOf('}')], $@"(?<![-\w]){Regex.Escape(property)}\s*:\s*([^;]+);");
        Assert.True(match.Success, $"no {property} in :root");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>The custom properties of the first <c>:root</c> block and of the one inside <c>prefers-color-scheme: dark</c>.</summary>
    private static (Dictionary<string, string> Light, Dictionary<string, string> Dark) Variables(string css)
    {
        var dark = css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        Assert.True(dark > 0, "no dark scheme");
        return (Declarations(css[..dark]), Declarations(css[dark..css.IndexOf('}', css.IndexOf('{', css.IndexOf('{', dark) + 1))]));
    }

    private static Dictionary<string, string> Declarations(string css)
    {
        var found = new Dictionary<string, string>();
        foreach (Match match in Declaration().Matches(css))
        {
            found.TryAdd(match.Groups[1].Value, match.Groups[2].Value.Trim());
        }

        return found;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Chatt.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Chatt.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"(--[a-z-]+)\s*:\s*([^;]+);")]
    private static partial Regex Declaration();
}
