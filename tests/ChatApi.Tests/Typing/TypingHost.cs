namespace Chatt.ChatApi.Tests.Typing;

/// <summary>The API with a short typing expiry, so "it lapses" is seen within seconds; the throttle stays at its default.</summary>
public sealed class TypingHost : ChatApiHost
{
    public static readonly TimeSpan Throttle = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(4);

    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Typing:Throttle"] = Throttle.ToString(),
        ["Typing:Expiry"] = Expiry.ToString(),
    };
}
