namespace Chatt.Gateway.Auth;

/// <summary>The result of one refresh; <see cref="Tokens"/> is set when <see cref="Status"/> is <see cref="RefreshStatus.Refreshed"/>.</summary>
public sealed record RefreshOutcome(RefreshStatus Status, RefreshedTokens? Tokens = null)
{
    public static readonly RefreshOutcome Refused = new(RefreshStatus.Refused);
    public static readonly RefreshOutcome Unavailable = new(RefreshStatus.Unavailable);
}
