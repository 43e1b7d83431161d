using Chatt.ChatApi.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Chatt.ChatApi.Tests.Transport;

public sealed class TransportOptionsTests
{
    [Theory]
    [InlineData("GraphQL:MaxDepth", "0")]
    [InlineData("GraphQL:MaxBatchSize", "1000")]
    [InlineData("GraphQL:MaxTokens", "0")]
    [InlineData("GraphQL:MaxResponseBytes", "10")]
    [InlineData("GraphQL:RateLimit:Burst", "0")]
    [InlineData("GraphQL:RateLimit:PerSecond", "0")]
    [InlineData("GraphQL:WebSockets:MaxOperationsPerSocket", "0")]
    [InlineData("GraphQL:WebSockets:ConnectionInitTimeout", "00:00:00")]
    public async Task A_transport_setting_out_of_range_fails_the_host_at_start_naming_it(string key, string value)
    {
        await using var host = new MisconfiguredHost(key, value);

        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await host.InitializeAsync());

        var validation = Assert.IsType<OptionsValidationException>(Unwrap(error));
        Assert.Contains(key[(key.LastIndexOf(':') + 1)..], validation.Message, StringComparison.Ordinal);
    }

    private static Exception Unwrap(Exception error)
    {
        while (error is not OptionsValidationException && error.InnerException is { } inner)
        {
            error = inner;
        }

        return error is AggregateException { InnerExceptions: [var only] } ? only : error;
    }

    private sealed class MisconfiguredHost(string key, string value) : ChatApiHost
    {
        protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?> { [key] = value };
    }
}
