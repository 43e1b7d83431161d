using System.Collections.Concurrent;
using System.Security.Claims;
using Chatt.ChatApi.Common;
using Chatt.ChatApi.Events;
using Chatt.ChatApi.Storage;
using Chatt.ChatApi.Users;

namespace Chatt.ChatApi.Auth;

/// <summary>
/// Turns a validated token into the caller's user id, provisioning the user record on its first request.
/// Identity always comes from here, never from request input. The subject → id map is cached because every
/// request needs it and it never changes once provisioned.
/// </summary>
public sealed partial class CallerResolver(IChatStore store, IEventBus bus, ILogger<CallerResolver> logger)
{
    private readonly ConcurrentDictionary<string, string> _userIdsBySubject = new(StringComparer.Ordinal);

    public async ValueTask<string> GetUserIdAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var subject = principal.Subject()
            ?? throw new ChatException(ErrorCodes.Unauthenticated, "A valid bearer token is required.");
        if (_userIdsBySubject.TryGetValue(subject, out var userId))
        {
            return userId;
        }

        var (user, created) = await store.ProvisionUserAsync(subject, Usernames.Sanitize(principal.WantedUsername()), cancellationToken);
        if (created)
        {
            Log.UserProvisioned(logger, user.Id, user.Username);
            await bus.PublishAsync(Topic.Users, new UserCreated(user), cancellationToken);
        }

        _userIdsBySubject[subject] = user.Id;
        return user.Id;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, EventName = "UserProvisioned", Level = LogLevel.Information, Message = "Provisioned user {UserId} as '{Username}' on first sign-in")]
        public static partial void UserProvisioned(ILogger logger, string userId, string username);
    }
}
