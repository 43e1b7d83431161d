namespace Chatt.Gateway.WebAssets;

/// <summary>Where the built web client is (<c>Gateway:WebRoot</c>, <c>Gateway:WebClientPending</c>).</summary>
public sealed class WebAssetsSettings
{
    /// <summary>
    /// The folder holding the built client; relative paths are resolved against the content root. Unset: the
    /// published <c>wwwroot</c> when it holds the client (an image, a <c>dotnet publish</c> output), else the
    /// source tree's <c>../Web/dist</c> (<c>dotnet run</c>, the app host, the tests).
    /// </summary>
    public string? WebRoot { get; set; }

    /// <summary>
    /// Set by the app host while it builds the client on a first start: until the folder holds
    /// <c>index.html</c>, browsers get a "starting" page that reloads itself instead of the placeholder.
    /// </summary>
    public bool WebClientPending { get; set; }

    public string ResolveWebRoot(string contentRoot)
    {
        if (!string.IsNullOrEmpty(WebRoot))
        {
            return Path.GetFullPath(WebRoot, contentRoot);
        }

        var published = Path.Combine(contentRoot, "wwwroot");
        return File.Exists(Path.Combine(published, "index.html"))
            ? published
            : Path.GetFullPath(Path.Combine("..", "Web", "dist"), contentRoot);
    }
}
