using Chatt.Identity.Accounts;
using Chatt.Identity.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Chatt.Identity.Storage;

/// <summary>
/// Runs once before the server accepts requests: creates the schema, loads the keys (so a bad key file fails
/// the start, not the first sign-in), and applies the configured accounts and clients.
/// </summary>
internal sealed partial class StartupSeeder(
    IServiceScopeFactory scopes,
    IOptions<IdentityProviderOptions> options,
    IOptionsMonitor<OpenIddictServerOptions> server,
    ILogger<StartupSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = server.CurrentValue;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        // EnsureCreated rather than migrations: the schema is OpenIddict's plus one table, and the database
        // holds only what configuration re-seeds plus sessions and sign-ups. A schema change in a later
        // version needs migrations added then.
        await db.Database.EnsureCreatedAsync(cancellationToken);

        var accounts = scope.ServiceProvider.GetRequiredService<AccountStore>();
        foreach (var user in options.Value.Users)
        {
            await accounts.SeedAsync(user, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<ClientCatalog>().SyncAsync(options.Value.Clients, cancellationToken);

        LogSeeded(logger, options.Value.Users.Count, options.Value.Clients.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1, EventName = "IdentitySeeded", Level = LogLevel.Information,
        Message = "Identity store ready: {UserCount} configured accounts, {ClientCount} client applications")]
    private static partial void LogSeeded(ILogger logger, int userCount, int clientCount);
}
