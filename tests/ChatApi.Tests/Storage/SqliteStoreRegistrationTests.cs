using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chatt.ChatApi.Tests.Storage;

/// <summary>How the SQLite store is configured and wired: connection strings and start-up migration.</summary>
public sealed class SqliteStoreRegistrationTests(SqliteTempFolder folder) : IClassFixture<SqliteTempFolder>
{
    [Fact]
    public async Task The_schema_exists_once_the_host_has_started()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSqliteChatStore(SqliteTempFolder.ConnectionString(folder.NewFile()));
        using var host = builder.Build();

        await host.StartAsync(ct);
        var (user, created) = await host.Services.GetRequiredService<IChatStore>().ProvisionUserAsync("sub-alice", "alice", ct);
        await host.StopAsync(ct);

        Assert.True(created);
        Assert.Equal("alice", user.Username);
    }

    [Fact]
    public void An_absent_connection_string_means_data_chatt_db_under_the_content_root_with_its_folder_created()
    {
        var contentRoot = Path.Combine(folder.Path, "app");

        var connectionString = SqliteConnectionStrings.FromConfiguration(null, contentRoot);

        var expected = Path.Combine(contentRoot, "data", "chatt.db");
        Assert.Equal(expected, new SqliteConnectionStringBuilder(connectionString).DataSource);
        Assert.True(Directory.Exists(Path.GetDirectoryName(expected)));
    }

    [Fact]
    public void A_Data_Source_connection_string_names_the_file_and_keeps_its_other_settings()
    {
        var file = Path.Combine(folder.Path, "elsewhere", "chat.db");

        var connectionString = SqliteConnectionStrings.FromConfiguration($"Data Source={file};Default Timeout=7", "/unused");

        var parsed = new SqliteConnectionStringBuilder(connectionString);
        Assert.Equal(file, parsed.DataSource);
        Assert.Equal(7, parsed.DefaultTimeout);
        Assert.True(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Fact]
    public void A_relative_Data_Source_is_taken_from_the_content_root()
    {
        var contentRoot = Path.Combine(folder.Path, "root");

        var connectionString = SqliteConnectionStrings.FromConfiguration("Data Source=db/x.db", contentRoot);

        Assert.Equal(Path.Combine(contentRoot, "db", "x.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
    }
}
