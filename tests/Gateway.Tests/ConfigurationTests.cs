using System.Net;
using Chatt.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatt.Gateway.Tests;

[Collection(ChattSystemCollection.Name)]
public sealed class ConfigurationTests(GatewayTestsSystem system)
{
    [Fact]
    public async Task Configured_authorization_parameters_reach_the_providers_authorize_request()
    {
        await using var gateway = new GatewayServer(system.Identity, system.ChatApi, settings: new Dictionary<string, string?>
        {
            ["Oidc:AuthorizationParameters:ui_locales"] = "fr",
        });
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress };

        using var login = await client.GetAsync("/auth/login");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith(new Uri(system.Identity.BaseAddress, "/connect/authorize").ToString(), login.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains("ui_locales=fr", login.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", login.Headers.Location.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("audience=", login.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_without_an_authority_refuses_to_start_and_names_the_setting()
    {
        var failure = Assert.ThrowsAny<OptionsValidationException>(() =>
            new GatewayServer(system.Identity, system.ChatApi, settings: new Dictionary<string, string?> { ["Oidc:Authority"] = "" }));

        Assert.Contains("Authority", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_the_sign_in_cookies_are_Secure_HttpOnly_and_SameSite_Lax()
    {
        await using var gateway = new GatewayServer(system.Identity, system.ChatApi, environment: "Production");
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = gateway.BaseAddress };

        using var login = await client.GetAsync("/auth/login");

        var session = gateway.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;
        var cookies = login.Headers.GetValues("Set-Cookie").ToList();

        Assert.Equal(CookieSecurePolicy.Always, session.SecurePolicy);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, session.SameSite);
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; samesite=lax", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sign_in_with_an_unreachable_provider_answers_503_instead_of_failing()
    {
        await using var gateway = new GatewayServer(system.Identity, system.ChatApi, settings: new Dictionary<string, string?>
        {
            ["Oidc:Authority"] = "http://127.0.0.1:9",
        });
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway.BaseAddress };

        using var login = await client.GetAsync("/auth/login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
    }
}
