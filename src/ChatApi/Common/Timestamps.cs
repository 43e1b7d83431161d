using System.Globalization;

namespace Chatt.ChatApi.Common;

/// <summary>
/// The one wire and storage format for times: fixed-width ISO-8601 UTC with milliseconds
/// (<c>2026-11-26T23:00:00.000Z</c>). Fixed width keeps text comparison equal to time comparison,
/// which the filters and indexes rely on.
/// </summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Truncates to the stored precision so a value read back equals the value written.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
