using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.Typing;

/// <summary>
/// How typing indicators behave, bound from the <c>Typing</c> section and checked at start. A client sends
/// <c>setTyping(true)</c> as often as it likes (on every keystroke); the server publishes at most one per
/// <see cref="Throttle"/> per user and conversation, and each one shows for <see cref="Expiry"/> unless refreshed.
/// <see cref="Throttle"/> must stay well below <see cref="Expiry"/>, or a steady typist would flicker off between publishes.
/// </summary>
public sealed class TypingOptions : IValidatableObject
{
    public const string Section = "Typing";

    /// <summary>Shortest time between two published <c>typing: true</c> of one user in one conversation.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Throttle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a <c>typing: true</c> counts (its <c>expiresAt</c>) unless refreshed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Throttle * 2 > Expiry)
        {
            yield return new ValidationResult(
                $"Typing:Throttle ({Throttle}) must be at most half of Typing:Expiry ({Expiry}), so a refreshed indicator never lapses.",
                [nameof(Throttle), nameof(Expiry)]);
        }
    }
}
