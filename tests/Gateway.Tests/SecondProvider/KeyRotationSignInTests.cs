using System.Net;

namespace Chatt.Gateway.Tests.SecondProvider;

/// <summary>
/// The gateway's own view of a key rotation: it validates the provider's id_token against the JWKS it cached, so a
/// token signed with a key published after that must make it fetch the keys again within the same sign-in.
/// </summary>
[Collection(SecondProviderCollection.Name)]
public sealed class KeyRotationSignInTests(SecondProviderSystem system)
{
    [Fact]
    public async Task The_first_sign_in_after_the_provider_rotates_its_signing_keys_succeeds()
    {
        var setup = system.Rotating;
        using (var before = await setup.SignedInBrowserAsync("lena"))
        {
            // The gateway now holds the provider's keys as they were.
            Assert.Equal("acct-lena", (await before.MeAsync()).GetProperty("sub").GetString());
        }

        await setup.Provider.RotateKeysAsync();
        using var browser = new Browser(setup.Gateway.BaseAddress);
        using var landing = await NodeOidcProvider.SignInAsync(browser, new Uri(browser.Gateway, "/auth/login?returnUrl=%2Fafter-rotation"), "lena");
        using var me = await browser.GetAsync("/auth/me");

        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Equal("/after-rotation", landing.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
