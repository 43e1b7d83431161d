namespace Chatt.ChatApi.Common;

/// <summary>Says at start which implementation each port runs on (every registered <see cref="ComponentChoice"/>: today the store; the bus logs its own choice, EventBusInProcess or EventBusNats), so an operator never has to guess.</summary>
public sealed partial class StartupReport(IEnumerable<ComponentChoice> choices, ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var choice in choices)
        {
            Log.Chosen(logger, choice.Port, choice.Implementation);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "ComponentChosen", Level = LogLevel.Information, Message = "{Port}: {Implementation}")]
        public static partial void Chosen(ILogger logger, string port, string implementation);
    }
}
