using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Chatt.Identity.Tests;

/// <summary>
/// The Identity service in memory, on its own temporary SQLite file. Development by default (the seeded
/// alice/bob and chatt-gateway from appsettings.Development.json, ephemeral keys); settings override it.
/// </summary>
public sealed class IdentityFactory : WebApplicationFactory<Program>
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"chatt-identity-{Guid.NewGuid():N}.db");

    public string EnvironmentName { get; init; } = "Development";

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (the tests follow them).</summary>
    public HttpClient CreateBrowser(string baseAddress = "http://localhost") => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(baseAddress),
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:identitydb", $"Data Source={_database}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureTestServices is not null)
        {
            // After the app's own registrations, so a test's replacement (a fake clock) wins.
            builder.ConfigureTestServices(ConfigureTestServices);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}
