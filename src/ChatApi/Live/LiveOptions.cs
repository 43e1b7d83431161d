using System.ComponentModel.DataAnnotations;

namespace Chatt.ChatApi.Live;

/// <summary>Live delivery settings (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How often an idle conversation feed asks the store for its lastRev, so a lost LAST event (nothing after it to
    /// reveal the gap) — above all a lost removal — is caught within this time. One store read per idle feed per period.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TailCheckInterval { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>How long a gap waits for its late event before the store is asked.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan GapGrace { get; set; } = TimeSpan.FromMilliseconds(150);
}
