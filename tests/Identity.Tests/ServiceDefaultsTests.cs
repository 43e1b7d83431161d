using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Chatt.Identity.Tests;

public sealed class ServiceDefaultsTests
{
    [Fact]
    public async Task Alive_and_health_answer_200_to_anonymous_callers()
    {
        await using var factory = new IdentityFactory();
        using var client = factory.CreateClient();

        var alive = await client.GetAsync("/alive");
        var health = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_turns_503_when_a_ready_check_fails_while_alive_stays_200()
    {
        await using var factory = new IdentityFactory
        {
            ConfigureTestServices = services => services.AddHealthChecks()
                .AddCheck("broken-dependency", () => HealthCheckResult.Unhealthy("down"), ["ready"]),
        };
        using var client = factory.CreateClient();

        var health = await client.GetAsync("/health");
        var alive = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Health_checks_the_identity_database()
    {
        await using var factory = new IdentityFactory();
        var checks = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Contains(checks, c => c.Name == "identitydb" && c.Tags.Contains("ready"));
        Assert.Contains(checks, c => c.Name == "self" && c.Tags.Contains("live"));
    }
}
