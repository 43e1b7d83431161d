using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Chatt.Identity.Tests;

public sealed class SignUpTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task An_account_created_on_the_sign_up_page_can_sign_in()
    {
        using var newcomer = factory.CreateBrowser();
        var page = await newcomer.GetAsync("/account/signup");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var fields = OidcClient.HiddenFields(await page.Content.ReadAsStringAsync());
        fields["Username"] = "carol";
        fields["DisplayName"] = "Carol C.";
        fields["Password"] = "carol-long-password";

        var signUp = await OidcClient.PostFormAsync(newcomer, "/account/signup", fields);
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);

        using var later = factory.CreateBrowser();
        var tokens = await OidcClient.GetTokensAsync(later, "carol", "carol-long-password");
        var token = new JsonWebToken(tokens.AccessToken);
        Assert.Equal("carol", token.GetClaim("preferred_username").Value);
        Assert.Equal("Carol C.", token.GetClaim("name").Value);
    }

    [Fact]
    public async Task Sign_up_refuses_a_username_that_is_taken()
    {
        using var browser = factory.CreateBrowser();
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync("/account/signup"));
        fields["Username"] = "Alice";
        fields["Password"] = "someone-elses-password";

        var signUp = await OidcClient.PostFormAsync(browser, "/account/signup", fields);

        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        Assert.Contains("That username is taken.", await signUp.Content.ReadAsStringAsync());
        using var other = factory.CreateBrowser();
        await OidcClient.GetTokensAsync(other, "alice", "alice-dev-password");
    }

    [Fact]
    public async Task Sign_up_is_refused_when_it_is_turned_off()
    {
        await using var closed = new IdentityFactory { Settings = new Dictionary<string, string?> { ["Identity:AllowSignUp"] = "false" } };
        using var browser = closed.CreateBrowser();
        var signInPage = await browser.GetStringAsync("/account/signin");
        var fields = OidcClient.HiddenFields(signInPage);
        fields["Username"] = "mallory";
        fields["Password"] = "mallory-password";

        var page = await browser.GetAsync("/account/signup");
        var post = await OidcClient.PostFormAsync(browser, "/account/signup", fields);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain("/account/signup", signInPage);
        var signIn = await OidcClient.PostFormAsync(browser, "/account/signin", fields);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }
}
