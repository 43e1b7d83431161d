using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Chatt.Gateway.WebAssets;

/// <summary>
/// The web client's build folder. It may appear after the gateway started (the app host builds the client on a
/// first start while the gateway already answers), so the folder is looked for again until it holds
/// <c>index.html</c>; from then on its files are served as they are.
/// </summary>
public sealed class WebRoot(string path, bool pending) : IFileProvider
{
    private PhysicalFileProvider? _files;

    public string Path { get; } = path;

    /// <summary>True once the folder holds the client's <c>index.html</c>.</summary>
    public bool IsBuilt => Files is not null;

    /// <summary>The client is being built (first start under the app host): show the "starting" page.</summary>
    public bool Pending { get; } = pending;

    private PhysicalFileProvider? Files
    {
        get
        {
            if (_files is null && File.Exists(System.IO.Path.Combine(Path, "index.html")))
            {
                Interlocked.CompareExchange(ref _files, new PhysicalFileProvider(Path), null);
            }

            return _files;
        }
    }

    public IFileInfo GetFileInfo(string subpath) => Files?.GetFileInfo(subpath) ?? new NotFoundFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => Files?.GetDirectoryContents(subpath) ?? NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => Files?.Watch(filter) ?? NullChangeToken.Singleton;
}
