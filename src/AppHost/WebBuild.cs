namespace Chatt.AppHost;

/// <summary>
/// Builds the web client (src/Web → src/Web/dist, which the Gateway serves) when it has not been built yet, so
/// <c>dotnet run --project src/AppHost</c> alone gives a working chat on a fresh clone. When dist exists nothing is
/// added: rebuilding on every start would cost ~20 s for no change (run <c>npm run build</c> after editing the
/// client, or use <c>--WebDevServer=true</c>). <c>WebClientDirectory</c> names another client folder (tests).
/// </summary>
internal static class WebBuild
{
    public static IResourceBuilder<ExecutableResource>? AddWebBuildIfMissing(this IDistributedApplicationBuilder builder, string name)
    {
        var web = Path.GetFullPath(builder.Configuration["WebClientDirectory"] ?? Path.Combine(builder.AppHostDirectory, "..", "Web"));
        if (File.Exists(Path.Combine(web, "dist", "index.html")))
        {
            return null;
        }

        return builder.AddExecutable(name, "bash", web, "-c", "npm ci --no-audit --no-fund && npm run build")
            .ExcludeFromManifest();
    }
}
