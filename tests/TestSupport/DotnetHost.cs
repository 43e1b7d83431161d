namespace Chatt.Tests.Support;

/// <summary>The <c>dotnet</c> muxer to start another .NET program from a test (a writer process, a ChatApi instance).</summary>
public static class DotnetHost
{
    /// <summary>The muxer that runs this test host, else the one the SDK names, else the one on PATH.</summary>
    public static string Executable { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";
}
