namespace Chatt.Gateway.Security;

/// <summary>Cross-site settings from the <c>Gateway</c> section.</summary>
public sealed class GatewaySettings
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Origins, besides the gateway's own, whose pages may open WebSockets to it (e.g. the Vite dev server,
    /// <c>http://localhost:5173</c>). Exact <c>scheme://host[:port]</c> strings.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
