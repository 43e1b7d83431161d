namespace Chatt.Gateway.Auth;

/// <summary>How a refresh ended: new tokens, a definitive refusal (the session is over), or a transient failure.</summary>
public enum RefreshStatus
{
    Refreshed,
    Refused,
    Unavailable,
}
