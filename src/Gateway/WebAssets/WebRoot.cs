using Microsoft.Extensions.FileProviders;

namespace Chatt.Gateway.WebAssets;

/// <summary>The web client's build folder, or null when it is not there.</summary>
public sealed record WebRoot(IFileProvider? Files);
