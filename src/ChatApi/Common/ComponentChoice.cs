namespace Chatt.ChatApi.Common;

/// <summary>Which implementation configuration chose for a port; logged once at start (see <see cref="StartupReport"/>).</summary>
public sealed record ComponentChoice(string Port, string Implementation);
