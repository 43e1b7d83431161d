using System.Text;

namespace Chatt.ServiceDefaults;

/// <summary>
/// Return URLs that arrive from the browser (the gateway's <c>returnUrl</c>, the provider's <c>ReturnUrl</c>) and end
/// in a <c>Location</c> header: one rule for both services, applied before any work starts, so a bad one is refused
/// up front instead of failing (500) after a sign-in is already half done.
/// </summary>
public static class ReturnUrls
{
    public const int MaxLength = 2048;

    /// <summary>
    /// The local URL to send the browser to, or null when <paramref name="returnUrl"/> must be refused (answer 400).
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Empty, or not a path on this site (absolute, protocol-relative <c>//host</c>, <c>/\host</c>): <c>/</c>, so
    /// no link can make the sign-in an open redirect.</item>
    /// <item>Control characters (C0, DEL, C1), refused: CR/LF would split the header, and browsers drop tab and newline
    /// inside URLs, so <c>/%09/evil.example</c> would become <c>//evil.example</c>.</item>
    /// <item>Non-ASCII characters, percent-encoded as UTF-8 (what a browser sends for them anyway): Kestrel refuses
    /// them in a header, and encoded, look-alikes such as a fullwidth solidus stay inert path characters. A lone
    /// surrogate has no UTF-8 form and is refused. So are URLs longer than <see cref="MaxLength"/>.</item>
    /// </list>
    /// </remarks>
    public static string? ToLocal(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return "/";
        }

        if (returnUrl.Length > MaxLength || returnUrl.Any(char.IsControl))
        {
            return null;
        }

        if (returnUrl[0] != '/' || (returnUrl.Length > 1 && returnUrl[1] is '/' or '\\'))
        {
            return "/";
        }

        if (!returnUrl.Any(c => c > '\u007e' || c is ' ' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}'))
        {
            return returnUrl;
        }

        var encoded = new StringBuilder(returnUrl.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < returnUrl.Length;)
        {
            if (Rune.DecodeFromUtf16(returnUrl.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            if (rune.Value is > 0x20 and < 0x7f && rune.Value is not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}'))
            {
                encoded.Append((char)rune.Value);
            }
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                {
                    encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            i += consumed;
        }

        return encoded.ToString();
    }
}
