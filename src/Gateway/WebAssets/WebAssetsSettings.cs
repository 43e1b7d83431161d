namespace Chatt.Gateway.WebAssets;

/// <summary>Where the built web client is (<c>Gateway:WebRoot</c>).</summary>
public sealed class WebAssetsSettings
{
    /// <summary>The folder Vite builds into; relative paths are resolved against the content root.</summary>
    public string WebRoot { get; set; } = Path.Combine("..", "Web", "dist");
}
