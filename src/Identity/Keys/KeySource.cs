namespace Chatt.Identity.Keys;

/// <summary>
/// Where an RSA key comes from: <see cref="Path"/> to a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with
/// <see cref="Password"/>) or a PEM file, or <see cref="Pem"/> holding the PEM text itself (handy for a
/// Kubernetes Secret mapped to an environment variable).
/// </summary>
public sealed class KeySource
{
    public string? Path { get; set; }

    public string? Password { get; set; }

    public string? Pem { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Path) || !string.IsNullOrWhiteSpace(Pem);
}
