using Chatt.ChatApi.Events;
using Chatt.ChatApi.Events.InProcess;
using Chatt.ChatApi.Events.Nats;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Tests.Events;

public sealed class EventsExtensionsTests
{
    private static HostApplicationBuilder Builder(string? nats, string? signingKey = NatsBuses.SigningKey)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        if (nats is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("ConnectionStrings:nats", nats), new("Nats:SigningKey", signingKey)]);
        }
        return builder;
    }

    [Fact]
    public async Task Without_a_nats_connection_string_the_in_process_bus_serves_and_no_NATS_health_check_exists()
    {
        var builder = Builder(null);

        builder.AddChatEvents();
        await using var services = builder.Services.BuildServiceProvider();

        Assert.IsType<InProcessEventBus>(services.GetRequiredService<IEventBus>());
        var checks = services.GetService<IOptions<HealthCheckServiceOptions>>()?.Value.Registrations ?? [];
        Assert.DoesNotContain(checks, r => r.Name == EventsExtensions.HealthCheckName);
    }

    [Fact]
    public async Task A_nats_url_selects_the_NATS_bus_started_by_the_host_with_a_ready_health_check_that_is_unhealthy_until_it_connects()
    {
        var builder = Builder("nats://127.0.0.1:1");

        builder.AddChatEvents();
        await using var services = builder.Services.BuildServiceProvider();

        var bus = Assert.IsType<NatsEventBus>(services.GetRequiredService<IEventBus>());
        Assert.Same(bus, services.GetRequiredService<NatsEventBus>());
        Assert.Contains(bus, services.GetServices<IHostedService>());
        var check = Assert.Single(services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == EventsExtensions.HealthCheckName);
        Assert.Contains("ready", check.Tags);
        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"), TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[EventsExtensions.HealthCheckName].Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("too-short")]
    public async Task A_nats_url_without_a_signing_key_of_32_characters_fails_at_start_naming_the_setting(string? signingKey)
    {
        var builder = Builder("nats://127.0.0.1:1", signingKey);
        builder.AddChatEvents();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Nats:SigningKey", error.Message);
    }

    [Theory]
    [InlineData("localhost:4222")]
    [InlineData("http://localhost:4222")]
    public void A_nats_setting_that_is_not_a_nats_url_fails_at_start_naming_the_setting(string value)
    {
        var builder = Builder(value);

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddChatEvents());

        Assert.Contains("ConnectionStrings:nats", error.Message);
    }
}
