using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Chatt.ChatApi.Auth;

/// <summary>What ChatApi adds to JwtBearer: a second chance for a token signed with a rotated-in key, and the reason a token was refused.</summary>
public sealed class BearerEvents(SigningKeyRefresh keys) : JwtBearerEvents
{
    public override async Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        await keys.OnAuthenticationFailedAsync(context);
        if (context.Result is not { Succeeded: true })
        {
            await BearerChallenge.RememberFailure(context);
        }
    }
}
