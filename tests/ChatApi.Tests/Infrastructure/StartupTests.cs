using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Chatt.ChatApi.Tests.Infrastructure;

/// <summary>Settings that would be dangerous or wrong stop the service at start, naming the setting.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("production-eu")]
    public void Symmetric_signing_keys_outside_Development_stop_the_start(string environment)
    {
        var tokens = new TestTokens();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            foreach (var (key, value) in tokens.Settings)
            {
                web.UseSetting(key, value);
            }

            web.UseSetting("ConnectionStrings:chatdb", $"Data Source={Path.Combine(Path.GetTempPath(), "chatt-startup-" + Guid.NewGuid().ToString("N"), "chatt.db")}");
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Authentication:Schemes:Bearer:SigningKeys", Flatten(failure), StringComparison.Ordinal);
        Assert.Contains($"'{environment}' environment", Flatten(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_limit_outside_its_range_stops_the_start_naming_the_setting()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Chat:MaxMessageLength", "0");
            web.UseSetting("ConnectionStrings:chatdb", $"Data Source={Path.Combine(Path.GetTempPath(), "chatt-startup-" + Guid.NewGuid().ToString("N"), "chatt.db")}");
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("MaxMessageLength", Flatten(failure), StringComparison.Ordinal);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten))
            : exception.ToString();
}
