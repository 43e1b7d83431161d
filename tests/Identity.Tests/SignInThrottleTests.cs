using System.Net;
using System.Net.Sockets;
using Chatt.Identity.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chatt.Identity.Tests;

/// <summary>
/// Guessing passwords on the sign-in form: the provider on a real Kestrel port, browsers connecting from distinct
/// loopback addresses (127.0.0.2, 127.0.0.3, …), and a fake clock so waits pass without sleeping.
/// </summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private IdentityFactory _factory = null!;
    private Uri _address = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new IdentityFactory
        {
            Settings = new Dictionary<string, string?>
            {
                ["Identity:SignInThrottle:FailuresPerAddress"] = "20",
                ["Identity:SignInThrottle:FreeFailuresPerAccount"] = "10",
            },
            ConfigureTestServices = services => services.AddSingleton<TimeProvider>(_clock),
        };
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        _address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_waits_but_only_from_the_guessing_address()
    {
        using var attacker = Browser("127.0.0.2");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(attacker, "alice", $"guess-{i}-wrong")).StatusCode);
        }

        var throttled = await SignInAsync(attacker, "alice", "alice-dev-password");
        using var owner = Browser("127.0.0.3");
        var elsewhere = await SignInAsync(owner, "alice", "alice-dev-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many failed sign-in attempts. Try again in 1 second.", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(attacker, "alice", "alice-dev-password")).StatusCode);
    }

    [Fact]
    public async Task Waits_double_with_each_wrong_password_and_stop_growing_at_their_caps()
    {
        using var attacker = Browser("127.0.0.4");
        var waits = new List<TimeSpan>();
        for (var failures = 0; failures < 16;)
        {
            var response = await SignInAsync(attacker, "bob", $"guess-{failures}-wrong");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                waits.Add(response.Headers.RetryAfter!.Delta!.Value);
                _clock.Advance(waits[^1]);
                continue;
            }

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            failures++;
        }

        // 5 free, then 1 s, 2 s, 4 s … up to 15 minutes for this address.
        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900], waits.Select(w => w.TotalSeconds));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(attacker, "bob", "bob-dev-password")).StatusCode);

        // The owner, from another address, shares only the account's wait, capped at 30 seconds.
        using var owner = Browser("127.0.0.5");
        var ownerFirst = await SignInAsync(owner, "bob", "bob-dev-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, ownerFirst.StatusCode);
        Assert.True(ownerFirst.Headers.RetryAfter?.Delta <= TimeSpan.FromSeconds(30), $"owner waits {ownerFirst.Headers.RetryAfter?.Delta}");
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, "bob", "bob-dev-password")).StatusCode);
    }

    [Fact]
    public async Task An_address_spraying_many_usernames_is_refused_for_the_rest_of_its_window_whether_they_exist_or_not()
    {
        using var sprayer = Browser("127.0.0.6");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SignInAsync(sprayer, $"user{i}", "password-spray")).StatusCode);
        }

        var unknown = await SignInAsync(sprayer, "nobody-here", "password-spray");
        var known = await SignInAsync(sprayer, "alice", "alice-dev-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, known.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), known.Headers.RetryAfter?.Delta);
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(sprayer, "alice", "alice-dev-password")).StatusCode);
    }

    private HttpClient Browser(string sourceAddress)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = _address };
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string username, string password)
    {
        var fields = OidcClient.HiddenFields(await browser.GetStringAsync(AccountEndpoints.SignInPath));
        fields["Username"] = username;
        fields["Password"] = password;
        return await OidcClient.PostFormAsync(browser, AccountEndpoints.SignInPath, fields);
    }
}
