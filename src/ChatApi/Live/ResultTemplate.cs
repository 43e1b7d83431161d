using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Chatt.ChatApi.Live;

/// <summary>
/// One event's result, serialized once for a selection, with the byte ranges where per-caller values go. Writing it
/// for a subscriber copies the shared bytes and writes that subscriber's values into the gaps: no resolver runs and
/// nothing is re-serialized per subscriber.
/// </summary>
public sealed class ResultTemplate
{
    private readonly byte[] _json;
    private readonly Slot[] _slots;

    private ResultTemplate(byte[] json, Slot[] slots)
    {
        _json = json;
        _slots = slots;
    }

    public bool IsShared => _slots.Length > 0;

    /// <summary>The response path of a field, as <see cref="Build"/> matches it ("data/onInbox/conversation/unreadCount").</summary>
    public static string PathOf(IEnumerable<object> path) => "data/" + string.Join('/', path.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));

    /// <summary>Finds each placeholder's value in <paramref name="json"/> by its path (paths nulled by an error are absent, and skipped).</summary>
    public static ResultTemplate Build(byte[] json, PlaceholderList? placeholders)
    {
        if (placeholders is not { Count: > 0 })
        {
            return new ResultTemplate(json, []);
        }

        var slots = new List<Slot>(placeholders.Count);
        var reader = new Utf8JsonReader(json);
        var frames = new List<(string Path, bool IsArray, int Index)>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    continue;
            }

            string path;
            if (frames.Count == 0)
            {
                path = "";
            }
            else
            {
                var parent = frames[^1];
                var segment = parent.IsArray ? parent.Index.ToString(CultureInfo.InvariantCulture) : property;
                if (parent.IsArray)
                {
                    frames[^1] = parent with { Index = parent.Index + 1 };
                }

                path = parent.Path.Length == 0 ? segment! : parent.Path + "/" + segment;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                frames.Add((path, reader.TokenType == JsonTokenType.StartArray, 0));
            }
            else if (placeholders.TryGetValue(path, out var value))
            {
                var start = (int)reader.TokenStartIndex;
                slots.Add(new Slot(start, (int)reader.BytesConsumed - start, value));
            }
        }

        return new ResultTemplate(json, [.. slots]);
    }

    /// <summary>Hands <paramref name="caller"/>'s payload to <paramref name="write"/> (valid only during the call).</summary>
    public void WriteFor(ICallerView caller, Action<ReadOnlySpan<byte>> write)
    {
        if (_slots.Length == 0)
        {
            write(_json);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(_json.Length + _slots.Length * 32);
        try
        {
            var written = 0;
            var from = 0;
            foreach (var slot in _slots)
            {
                _json.AsSpan(from, slot.Start - from).CopyTo(buffer.AsSpan(written));
                written += slot.Start - from;
                written += WriteValue(slot.Value(caller), buffer.AsSpan(written));
                from = slot.Start + slot.Length;
            }

            _json.AsSpan(from).CopyTo(buffer.AsSpan(written));
            written += _json.Length - from;
            write(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int WriteValue(object value, Span<byte> into)
    {
        switch (value)
        {
            case int number:
                Utf8Formatter.TryFormat(number, into, out var length);
                return length;
            case bool flag:
                var literal = flag ? "true"u8 : "false"u8;
                literal.CopyTo(into);
                return literal.Length;
            case string text:
                // Enum names only ([A-Z_]), so no escaping is needed; anything else would be a programming error.
                into[0] = (byte)'"';
                var count = Encoding.UTF8.GetBytes(text, into[1..]);
                into[count + 1] = (byte)'"';
                return count + 2;
            default:
                throw new InvalidOperationException($"A per-caller value must be an int, a bool or an enum name, not {value.GetType().Name}.");
        }
    }

    private readonly record struct Slot(int Start, int Length, CallerValue Value);
}
