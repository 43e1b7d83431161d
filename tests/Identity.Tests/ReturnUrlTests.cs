using System.Net;
using Chatt.ServiceDefaults;

namespace Chatt.Identity.Tests;

/// <summary>
/// The provider's <c>ReturnUrl</c> as a hostile or damaged link carries it: control characters are refused with 400
/// before anything happens (no session, no account), non-ASCII is encoded, another site's URL goes home.
/// </summary>
public sealed class ReturnUrlTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Theory]
    [InlineData("/connect/authorize\r\nSet-Cookie: a=b")]
    [InlineData("/\t/evil.example")]
    [InlineData("/a\u0000b")]
    [InlineData("/a\u007fb")]
    [InlineData("/a\u0085b")]
    public void Control_characters_are_refused(string returnUrl) => Assert.Null(ReturnUrls.ToLocal(returnUrl));

    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/conversations/42?x=%2F", "/conversations/42?x=%2F")]
    [InlineData("/conversations/ü", "/conversations/%C3%BC")]
    [InlineData("/\uff0fevil.example", "/%EF%BC%8Fevil.example")]
    [InlineData("/a b\"<>", "/a%20b%22%3C%3E")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    public void Other_addresses_become_a_local_ASCII_path(string? returnUrl, string expected) => Assert.Equal(expected, ReturnUrls.ToLocal(returnUrl));

    [Fact]
    public void A_lone_surrogate_is_refused() => Assert.Null(ReturnUrls.ToLocal("/a\ud800b"));

    [Fact]
    public async Task The_sign_in_page_refuses_a_return_address_with_an_encoded_CRLF()
    {
        using var browser = factory.CreateBrowser();

        using var page = await browser.GetAsync("/account/signin?returnUrl=%2Fconnect%2Fauthorize%0D%0ASet-Cookie%3A%20a%3Db");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("This sign-in link is broken", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_password_with_a_control_character_in_the_return_address_starts_no_session()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signin"));
        fields["Username"] = "alice";
        fields["Password"] = "alice-dev-password";
        fields["ReturnUrl"] = "/connect/authorize\r\nx";

        using var response = await OidcClient.PostFormAsync(browser, "/account/signin", fields);
        var home = await browser.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You are signed out.", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_up_with_a_control_character_in_the_return_address_creates_no_account()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signup"));
        var username = "nora-" + Guid.NewGuid().ToString("N")[..8];
        fields["Username"] = username;
        fields["Password"] = username + "-long-password";
        fields["ReturnUrl"] = "/\u0000";

        using var refused = await OidcClient.PostFormAsync(browser, "/account/signup", fields);
        fields["ReturnUrl"] = "/";
        using var again = await OidcClient.PostFormAsync(browser, "/account/signup", fields);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        // The username is still free: the refused attempt made nothing.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_non_ASCII_return_address_is_followed_encoded()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signin?returnUrl=%2Fkonversation%2F%C3%BC"));
        fields["Username"] = "bob";
        fields["Password"] = "bob-dev-password";

        using var response = await OidcClient.PostFormAsync(browser, "/account/signin", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konversation/%C3%BC", response.Headers.Location!.OriginalString);
    }
}
