namespace Chatt.Gateway.Auth;

/// <summary>A token endpoint's answer to a refresh: the new access token, and the rotated refresh/id tokens when sent.</summary>
public sealed record RefreshedTokens(string AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? IdToken);
