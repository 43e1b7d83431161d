namespace Chatt.AppHost;

/// <summary>
/// Where the embedded mode keeps its state (SQLite files, NATS JetStream): the <c>DataDirectory</c> setting,
/// by default <c>data/</c> beside the app host project (ignored by git). Tests point it at a temporary folder.
/// </summary>
internal static class DataDirectory
{
    public const string SettingName = "DataDirectory";

    public static string ChattDataDirectory(this IDistributedApplicationBuilder builder)
    {
        var path = Path.GetFullPath(builder.Configuration[SettingName] ?? "data", builder.AppHostDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
