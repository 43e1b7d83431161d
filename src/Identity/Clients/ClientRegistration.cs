namespace Chatt.Identity.Clients;

/// <summary>A client application from configuration (<c>Identity:Clients:N</c>).</summary>
public sealed class ClientRegistration
{
    public string ClientId { get; set; } = "";

    /// <summary>Set: a confidential client that must authenticate. Unset: a public client (PKCE only).</summary>
    public string? ClientSecret { get; set; }

    public string? DisplayName { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];
}
