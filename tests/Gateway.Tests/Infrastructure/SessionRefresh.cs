using Chatt.Tests.Support;

namespace Chatt.Gateway.Tests.Infrastructure;

/// <summary>What a refreshing gateway (one whose access tokens are always "about to expire") must do, whichever provider it signs in at.</summary>
internal static class SessionRefresh
{
    /// <summary>Two queries: each renews the session cookie, and both still reach ChatApi as <paramref name="username"/>.</summary>
    public static async Task AssertEachQueryRenewsTheSessionAsync(Browser browser, string username)
    {
        var signedIn = browser.GatewayCookieHeader;

        var first = await browser.QueryAsync("{ me { username } }");
        var afterFirst = browser.GatewayCookieHeader;
        var second = await browser.QueryAsync("{ me { username } }");

        Assert.NotEqual(signedIn, afterFirst);
        Assert.NotEqual(afterFirst, browser.GatewayCookieHeader);
        Assert.Equal(username, first.GetProperty("me").GetProperty("username").GetString());
        Assert.Equal(username, second.GetProperty("me").GetProperty("username").GetString());
    }
}
