using System.Globalization;
using Chatt.ChatApi.Common;

namespace Chatt.ChatApi.Messages;

/// <summary>
/// What a reaction may be: exactly one emoji — one extended grapheme cluster (.NET's text-element enumeration
/// follows UAX #29, so 👍🏽, 👨‍👩‍👧, 🇫🇷 and 1️⃣ are one each) whose base is an emoji code point and whose
/// other code points are only what emoji sequences are made of (modifiers, ZWJ-joined emoji, variation selectors,
/// tags, the keycap mark). Letters, digits alone, punctuation and several emoji are refused.
/// <para>.NET exposes no Extended_Pictographic property, so the base is checked against the Unicode emoji blocks;
/// a symbol in those blocks that is not an emoji is accepted — harmless, and one rule in one place.</para>
/// </summary>
public static class Emoji
{
    /// <summary>Longest accepted reaction in UTF-16 units (the longest emoji ZWJ sequences are ~35).</summary>
    public const int MaxLength = 64;

    /// <summary>Returns the emoji as sent, or throws BAD_USER_INPUT saying why it is not one emoji.</summary>
    public static string Require(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji) || emoji.Length > MaxLength)
        {
            throw ChatException.BadInput("'emoji' must be exactly one emoji.");
        }

        if (new StringInfo(emoji).LengthInTextElements != 1)
        {
            throw ChatException.BadInput("'emoji' must be exactly one emoji (one grapheme), not several characters.");
        }

        return IsEmojiSequence(emoji) ? emoji : throw ChatException.BadInput("'emoji' must be an emoji, not text.");
    }

    private static bool IsEmojiSequence(string grapheme)
    {
        var runes = grapheme.EnumerateRunes().Select(r => r.Value).ToArray();
        if (IsKeycapBase(runes[0]))
        {
            // 1️⃣ #️⃣ *️⃣: base, optional VS16, combining enclosing keycap.
            return runes is [_, 0x20E3] or [_, 0xFE0F, 0x20E3];
        }

        if (!IsEmojiBase(runes[0]))
        {
            return false;
        }

        for (var i = 1; i < runes.Length; i++)
        {
            var rune = runes[i];
            var allowed = rune switch
            {
                0xFE0F or 0xFE0E => true,                          // presentation selectors
                >= 0x1F3FB and <= 0x1F3FF => true,                 // skin-tone modifiers
                >= 0xE0020 and <= 0xE007F => true,                 // tag sequences (subdivision flags)
                0x20E3 => true,                                    // keycap mark
                0x200D => i + 1 < runes.Length && IsEmojiBase(runes[i + 1]), // ZWJ joins two emoji
                >= 0x1F1E6 and <= 0x1F1FF => true,                 // the second regional indicator of a flag
                _ => runes[i - 1] == 0x200D && IsEmojiBase(rune),  // the emoji after a ZWJ
            };
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKeycapBase(int rune) => rune is (>= '0' and <= '9') or '#' or '*';

    private static bool IsEmojiBase(int rune) => rune switch
    {
        >= 0x1F000 and <= 0x1FAFF => true, // mahjong … symbols and pictographs extended-A (includes regional indicators)
        >= 0x2600 and <= 0x27BF => true,   // miscellaneous symbols, dingbats
        >= 0x2300 and <= 0x23FF => true,   // miscellaneous technical (⌚ ⏰ ⏩)
        >= 0x2B00 and <= 0x2BFF => true,   // arrows and shapes (⬆ ⭐ ⭕)
        >= 0x2190 and <= 0x21FF => true,   // arrows (↔ ↩)
        >= 0x2900 and <= 0x297F => true,   // supplemental arrows (⤴ ⤵)
        >= 0x25A0 and <= 0x25FF => true,   // geometric shapes (▶ ◻)
        0x00A9 or 0x00AE or 0x203C or 0x2049 or 0x2122 or 0x2139 or 0x24C2 or 0x3030 or 0x303D or 0x3297 or 0x3299 => true,
        _ => false,
    };
}
