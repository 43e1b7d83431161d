using System.Reflection;
using Chatt.ChatApi.Common;
using Microsoft.Extensions.Logging;

namespace Chatt.ChatApi.Tests.Conventions;

/// <summary>Every log message of ChatApi has its own EventId, inside the range <see cref="LogEventIds"/> gives its area.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_message_has_a_unique_event_id_in_its_areas_range()
    {
        var messages = typeof(LogEventIds).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (Name: x.Method.DeclaringType!.FullName + "." + x.Method.Name, Namespace: x.Method.DeclaringType!.Namespace!, x.Attribute!.EventId))
            .ToArray();

        Assert.NotEmpty(messages);
        var duplicates = messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}").ToArray();
        Assert.True(duplicates.Length == 0, "EventIds used twice:\n" + string.Join("\n", duplicates));
        var outOfRange = messages
            .Where(m => !LogEventIds.Ranges.Any(r => m.EventId >= r.First && m.EventId <= r.Last && m.Namespace.StartsWith(r.Area, StringComparison.Ordinal)))
            .Select(m => $"{m.EventId}: {m.Name}").ToArray();
        Assert.True(outOfRange.Length == 0, "EventIds outside their area's range in LogEventIds:\n" + string.Join("\n", outOfRange));
    }
}
