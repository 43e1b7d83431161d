using System.Security.Claims;

namespace Chatt.ChatApi.GraphQL.Execution;

/// <summary>A subscription to start: the prepared operation, its caller, the DI scope it resolves from (the
/// subscriber's own), the transport tag for telemetry, and the cancellation that ends it with its socket.</summary>
public sealed record SubscriptionRequest(PreparedOperation Operation, ClaimsPrincipal User, IServiceProvider Services, string Transport, CancellationToken Cancellation);
