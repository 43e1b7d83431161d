namespace Chatt.ChatApi.Common;

/// <summary>
/// The one list of logging EventId ranges: each area of ChatApi logs in its own range, so an id found in a log names
/// its area, and no two messages share an id (a test checks every <c>[LoggerMessage]</c> against this list).
/// </summary>
public static class LogEventIds
{
    /// <summary>(first, last, the namespace whose messages use the range).</summary>
    public static IReadOnlyList<(int First, int Last, string Area)> Ranges { get; } =
    [
        (1, 99, "Chatt.ChatApi.Common"),          // start-up report
        (100, 199, "Chatt.ChatApi.Storage"),
        (1000, 1099, "Chatt.ChatApi.Events"),      // bus selection
        (1100, 1199, "Chatt.ChatApi.Events"),      // local listeners
        (1200, 1299, "Chatt.ChatApi.Events.Nats"),
        (1300, 1399, "Chatt.ChatApi.Auth"),
        (2000, 2099, "Chatt.ChatApi.GraphQL.Execution"),
        (2100, 2199, "Chatt.ChatApi.GraphQL.Http"),
        (2200, 2299, "Chatt.ChatApi.GraphQL.WebSockets"),
        (3000, 3099, "Chatt.ChatApi.Messages"),
        (3100, 3199, "Chatt.ChatApi.Conversations"),
        (3200, 3299, "Chatt.ChatApi.Users"),
        (3300, 3399, "Chatt.ChatApi.Typing"),
        (4000, 4099, "Chatt.ChatApi.Live"),
    ];
}
